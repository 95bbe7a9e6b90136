namespace TaskOrchestration.Infrastructure.Persistence.ReadModels;

/// <summary>
/// How many live (not archived) tasks of one team carry one tag. The database keeps these rows up to date itself,
/// with a trigger on tasks (the TagUsageCounts migration), so GET /tags reads a few hundred rows instead of
/// counting the tags of a million tasks; nothing in the application writes them.
/// </summary>
internal sealed class TagUsageCount
{
    /// <summary>The <see cref="TeamKey"/> of tasks without a team (a key column cannot be null).</summary>
    public static readonly Guid NoTeam = Guid.Empty;

    private TagUsageCount()
    {
        Name = string.Empty;
    }

    public Guid TeamKey { get; private set; }

    public string Name { get; private set; }

    public int LiveTasks { get; private set; }
}
