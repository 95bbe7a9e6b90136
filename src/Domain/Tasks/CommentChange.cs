namespace TaskOrchestration.Domain.Tasks;

/// <summary>What happened to a comment.</summary>
public enum CommentChange
{
    Added,
    Edited,
    Deleted,
}
