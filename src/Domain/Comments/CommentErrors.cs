using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Comments;

public static class CommentErrors
{
    public static readonly DomainError NotAuthor =
        new("not_author", "Only the comment's author may edit it.", ErrorKind.Forbidden);

    public static readonly DomainError NotAuthorOrModerator =
        new("not_author_or_moderator", "Only the comment's author, a manager or an admin may delete it.", ErrorKind.Forbidden);

    public static readonly DomainError Deleted =
        new("comment_deleted", "The comment has been deleted.", ErrorKind.Conflict);

    public static readonly DomainError InvalidBody =
        new("invalid_comment", $"A comment has 1 to {TaskComment.BodyMaxLength} characters.", ErrorKind.Validation);
}
