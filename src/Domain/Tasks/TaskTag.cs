namespace TaskOrchestration.Domain.Tasks;

/// <summary>A free-form label on a task, stored in its normal form (lower case).</summary>
public sealed class TaskTag
{
    private TaskTag()
    {
        Name = string.Empty;
    }

    internal TaskTag(Guid taskId, string name)
    {
        TaskId = taskId;
        Name = name;
    }

    public Guid TaskId { get; private set; }

    public string Name { get; private set; }
}
