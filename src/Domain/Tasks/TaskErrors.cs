using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>The rules a task can refuse to break, each with its stable code.</summary>
public static class TaskErrors
{
    public const string NotOwnerCode = "not_owner";
    public const string NotCreatorOrManagerCode = "not_creator_or_manager";
    public const string NotAssigneeCode = "not_assignee";
    public const string AutomatedTaskCode = "automated_task";

    public static readonly DomainError AlreadyTaken =
        new("task_already_taken", "The task has already been taken.", ErrorKind.Conflict);

    public static readonly DomainError NotOwner =
        new(NotOwnerCode, "Only the task's owner may do this.", ErrorKind.Forbidden);

    public static readonly DomainError NotCreatorOrManager =
        new(NotCreatorOrManagerCode, "Only the task's creator, a manager or an admin may do this.", ErrorKind.Forbidden);

    public static readonly DomainError NotAssignee =
        new(NotAssigneeCode, "The task is assigned to other people; only they may take it.", ErrorKind.Forbidden);

    public static readonly DomainError AutomatedTask =
        new(AutomatedTaskCode, "The worker engine runs this task; people cannot take, finish or assign it.", ErrorKind.Conflict);

    public static readonly DomainError InvalidKind =
        new("invalid_kind", $"A kind is 1 to {TaskAutomation.KindMaxLength} lower-case letters, digits, '.', '-' or '_'.", ErrorKind.Validation);

    public static readonly DomainError InvalidMaxAttempts =
        new("invalid_max_attempts", $"maxAttempts is 1 to {TaskAutomation.MaxAttemptsLimit}.", ErrorKind.Validation);

    public static readonly DomainError InvalidInput =
        new("invalid_input", $"The input is JSON of at most {TaskAutomation.InputMaxBytes / 1024} KiB.", ErrorKind.Validation);

    public static readonly DomainError NotManager =
        new("not_manager", "Only a manager or an admin may assign tasks.", ErrorKind.Forbidden);

    public static readonly DomainError TooManyAssignees =
        new("too_many_assignees", $"A task has at most {TaskItem.MaxAssignees} assignees.", ErrorKind.Validation);

    public static readonly DomainError Closed =
        new("task_closed", "The task is done or cancelled and can no longer change.", ErrorKind.Conflict);

    public static readonly DomainError NotEnded =
        new("task_not_ended", "The task has not ended: retention archives only ended tasks, and a running automated task is archived once it has ended (cancel it first).", ErrorKind.Conflict);

    public static readonly DomainError Archived =
        new("task_archived", "The task is archived; unarchive it first.", ErrorKind.Conflict);

    public static readonly DomainError InvalidTitle =
        new("invalid_title", $"The title must be 1 to {TaskItem.TitleMaxLength} characters.", ErrorKind.Validation);

    public static readonly DomainError InvalidDescription =
        new("invalid_description", $"The description may have at most {TaskItem.DescriptionMaxLength} characters.", ErrorKind.Validation);

    public static readonly DomainError FailureReasonRequired =
        new("failure_reason_required", $"A failure needs a reason of 1 to {TaskItem.ReasonMaxLength} characters.", ErrorKind.Validation);

    public static readonly DomainError ReasonTooLong =
        new("invalid_reason", $"The reason may have at most {TaskItem.ReasonMaxLength} characters.", ErrorKind.Validation);

    public static readonly DomainError ResultTooLong =
        new("invalid_result", $"The result may have at most {TaskItem.ResultMaxLength} characters.", ErrorKind.Validation);

    public static DomainError InvalidTransition(TaskItemStatus from, TaskTrigger trigger) =>
        new("invalid_transition", $"A {Name(from)} task cannot be {Past(trigger)}.", ErrorKind.Conflict);

    /// <summary>The guard descriptions of <see cref="TaskLifecycle"/> are error codes; this turns one back into its error.</summary>
    internal static DomainError FromGuardCode(string code) => code switch
    {
        NotOwnerCode => NotOwner,
        NotCreatorOrManagerCode => NotCreatorOrManager,
        NotAssigneeCode => NotAssignee,
        AutomatedTaskCode => AutomatedTask,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown lifecycle guard."),
    };

    private static string Name(TaskItemStatus status) => status.ToString().ToLowerInvariant();

    private static string Past(TaskTrigger trigger) => trigger switch
    {
        TaskTrigger.Publish => "published",
        TaskTrigger.Take => "taken",
        TaskTrigger.Complete => "completed",
        TaskTrigger.Fail => "failed",
        TaskTrigger.Release => "released",
        TaskTrigger.Retry => "retried",
        TaskTrigger.Requeue => "requeued",
        TaskTrigger.Cancel => "cancelled",
        _ => trigger.ToString().ToLowerInvariant(),
    };
}
