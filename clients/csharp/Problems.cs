namespace TaskOrchestration.Client;

/// <summary>What a change needs from the resource it changes.</summary>
public static class Problems
{
    /// <summary>The If-Match value that makes a change apply only to the version you read (412 otherwise).</summary>
    public static string IfMatch(this TaskDto task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"\"{task.Version}\"";
    }
}
