namespace TaskOrchestration.Domain.Tasks;

/// <summary>What a history entry records.</summary>
public enum TaskHistoryKind
{
    /// <summary>A lifecycle transition (from, to, trigger).</summary>
    Transitioned,

    /// <summary>Fields were edited (old → new per field).</summary>
    Edited,

    /// <summary>The task was archived.</summary>
    Archived,

    /// <summary>The task was restored from the archive.</summary>
    Unarchived,

    /// <summary>The assignees changed (old → new, in the changes).</summary>
    Assigned,

    /// <summary>The tags changed (old → new, in the changes).</summary>
    Tagged,

    /// <summary>A comment was written (its id in the changes).</summary>
    Commented,

    /// <summary>A comment was edited.</summary>
    CommentEdited,

    /// <summary>A comment was deleted; this entry is its tombstone.</summary>
    CommentDeleted,

    /// <summary>The overdue job found the task open past its due date (once per due date).</summary>
    Overdue,
}
