using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>
/// A unit of work that people (and later workers) take through its lifecycle. Every change goes through a method
/// that checks the rules first, so a refused change leaves the task exactly as it was.
/// </summary>
public sealed class TaskItem : AggregateRoot
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;
    public const int ReasonMaxLength = 2_000;
    public const int ResultMaxLength = 10_000;
    public const int MaxAssignees = 50;
    public const int MetadataMaxBytes = 16 * 1024;

    private readonly List<TaskHistoryEntry> _history = [];
    private readonly List<TaskAssignee> _assignees = [];
    private readonly List<string> _tags = [];

    private TaskItem()
    {
        Title = string.Empty;
        Kind = TaskAutomation.ManualKind;
        Run = TaskRunState.First(null);
    }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    public TaskPriority Priority { get; private set; }

    public DateTimeOffset? DueDate { get; private set; }

    public TaskItemStatus Status { get; private set; }

    /// <summary>The user who took the task; set while running and kept on done or failed.</summary>
    public Guid? OwnerId { get; private set; }

    public Guid CreatedBy { get; private set; }

    /// <summary>The team whose members (with managers and admins) alone can see the task; null means everyone.</summary>
    public Guid? TeamId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>What the owner reported on completion.</summary>
    public string? Result { get; private set; }

    /// <summary>Why the last attempt failed; cleared when the task is retried.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>A JSON object the client attaches to the task (at most 16 KiB), kept as given.</summary>
    public string? Metadata { get; private set; }

    /// <summary>
    /// When the overdue job flagged the task: it was open past its due date. Cleared when the due date changes, so
    /// that a new due date can be flagged again.
    /// </summary>
    public DateTimeOffset? OverdueFlaggedAt { get; private set; }

    /// <summary>When the task was archived (soft-deleted); an archived task accepts no change but unarchiving.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>Draft, pending or running: not ended (done, failed or cancelled).</summary>
    public bool IsOpen => OpenStatuses.Contains(Status);

    /// <summary>The statuses of a task that has not ended: what "overdue" (the list's filter, the overdue job) looks at.</summary>
    public static IReadOnlyList<TaskItemStatus> OpenStatuses { get; } = [TaskItemStatus.Draft, TaskItemStatus.Pending, TaskItemStatus.Running];

    /// <summary>What runs the task: "manual" for people, otherwise the kind of handler the worker engine runs it with.</summary>
    public string Kind { get; private set; }

    public bool IsAutomated => Kind != TaskAutomation.ManualKind;

    /// <summary>Its attempts, the input its handler is given, when it may run next and the worker's lease.</summary>
    public TaskRunState Run { get; private set; }

    /// <summary>An automated task that used up its attempts and failed: it stays failed until someone retries it.</summary>
    public bool IsDead => IsAutomated && Status == TaskItemStatus.Failed;

    /// <summary>The people the task is assigned to; when there are any, only they may take it.</summary>
    public IReadOnlyCollection<TaskAssignee> Assignees => _assignees.AsReadOnly();

    /// <summary>The task's tags, in lower case and in ordinal order.</summary>
    public IReadOnlyList<string> Tags => _tags.AsReadOnly();

    /// <summary>The history appended since the task was loaded (the full record lives in the database).</summary>
    public IReadOnlyCollection<TaskHistoryEntry> History => _history.AsReadOnly();

    public static TaskItem Create(string title, string? description, TaskPriority priority, DateTimeOffset? dueDate, bool asDraft, Actor actor, DateTimeOffset now, Guid? teamId = null, string? metadata = null, TaskAutomation? automation = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var task = new TaskItem
        {
            Id = Guid.CreateVersion7(now),
            Title = CheckTitle(title),
            Description = CheckDescription(description),
            Priority = priority,
            DueDate = dueDate,
            Status = asDraft ? TaskItemStatus.Draft : TaskItemStatus.Pending,
            CreatedBy = actor.UserId,
            TeamId = teamId,
            Metadata = CheckMetadata(metadata),
            CreatedAt = now,
            UpdatedAt = now,
            Kind = automation?.Kind ?? TaskAutomation.ManualKind,
            Run = TaskRunState.First(automation),
        };
        task.Raise(new TaskCreated(task.Id, task.Status, actor.UserId, now));
        return task;
    }

    /// <summary>Edits the fields given (null leaves a field as it is); only while the task is still open.</summary>
    public void Update(string? title, string? description, TaskPriority? priority, DateTimeOffset? dueDate, bool clearDueDate, Actor actor, DateTimeOffset now, string? metadata = null)
    {
        EnsureCreatorOrManager(actor);
        EnsureNotArchived();
        if (Status is TaskItemStatus.Done or TaskItemStatus.Cancelled)
        {
            throw new DomainException(TaskErrors.Closed);
        }

        var newTitle = title is null ? Title : CheckTitle(title);
        var newDescription = description is null ? Description : CheckDescription(description);
        var newPriority = priority ?? Priority;
        var newDueDate = clearDueDate ? null : dueDate ?? DueDate;
        var newMetadata = metadata is null ? Metadata : CheckMetadata(metadata);

        List<FieldChange> changes = [];
        Track(changes, "title", Title, newTitle);
        Track(changes, "description", Description, newDescription);
        Track(changes, "priority", Name(Priority), Name(newPriority));
        Track(changes, "metadata", Metadata, newMetadata);
        Track(changes, "dueDate", DueDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), newDueDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        if (changes.Count == 0)
        {
            return;
        }

        if (newDueDate != DueDate)
        {
            // A new due date is a new promise: it may be missed (and flagged) again.
            OverdueFlaggedAt = null;
        }

        Title = newTitle;
        Description = newDescription;
        Priority = newPriority;
        DueDate = newDueDate;
        Metadata = newMetadata;
        UpdatedAt = now;
        _history.Add(TaskHistoryEntry.Edit(Id, changes, actor.UserId, now));
        Raise(new TaskUpdated(Id, [.. changes.Select(change => change.Field)], actor.UserId, now));
    }

    public void Publish(Actor actor, DateTimeOffset now) => Transition(TaskTrigger.Publish, actor, now);

    public void Take(Actor actor, DateTimeOffset now) =>
        Transition(TaskTrigger.Take, actor, now, onEntered: () => OwnerId = actor.UserId);

    public void Complete(Actor actor, string? result, DateTimeOffset now)
    {
        if (result is { Length: > ResultMaxLength })
        {
            throw new DomainException(TaskErrors.ResultTooLong);
        }

        Transition(TaskTrigger.Complete, actor, now, onEntered: () => Result = result, result: result);
    }

    public void Fail(Actor actor, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ReasonMaxLength)
        {
            throw new DomainException(TaskErrors.FailureReasonRequired);
        }

        Transition(TaskTrigger.Fail, actor, now, reason, onEntered: () => FailureReason = reason);
    }

    public void Release(Actor actor, DateTimeOffset now) =>
        Transition(TaskTrigger.Release, actor, now, onEntered: () => OwnerId = null);

    /// <summary>
    /// Back to pending for another attempt. A dead automated task is revived for one more attempt (its attempts
    /// were used up), and runs as soon as a worker is free.
    /// </summary>
    public void Retry(Actor actor, DateTimeOffset now) =>
        Transition(TaskTrigger.Retry, actor, now, onEntered: () =>
        {
            OwnerId = null;
            FailureReason = null;
            Run.AllowAnotherAttempt();
        });

    /// <summary>The engine's worker <paramref name="workerId"/> claims the pending automated task, leased until <paramref name="leaseUntil"/>.</summary>
    public void StartRun(string workerId, DateTimeOffset leaseUntil, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        Transition(TaskTrigger.Take, SystemActors.Engine, now, onEntered: () =>
        {
            OwnerId = SystemActors.Engine.UserId;
            Run.StartLease(workerId, leaseUntil);
        });
    }

    /// <summary>
    /// A task read from the database whose current attempt the engine's worker <paramref name="workerId"/> holds. A
    /// claim writes its lease on the task's work item, not on the task's row, which the engine writes once the attempt
    /// ends (docs/adr/0031-work-items.md): the row still reads pending, and the reader shows the task as it is, running,
    /// owned by the engine, held until <paramref name="leaseUntil"/> (its worker's lease; null when it has none).
    /// Nothing happened, so nothing is recorded: no history entry, no event.
    /// </summary>
    public void ShowHeldBy(string workerId, DateTimeOffset? leaseUntil)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        if (!IsAutomated || Status != TaskItemStatus.Pending)
        {
            throw new InvalidOperationException($"Only a pending automated task's row is held by a worker; task {Id} is {Status}.");
        }

        Status = TaskItemStatus.Running;
        OwnerId = SystemActors.Engine.UserId;
        Run.ShowLease(workerId, leaseUntil);
    }

    /// <summary>The running attempt succeeded; <paramref name="output"/> is kept as the result.</summary>
    public void CompleteRun(string? output, DateTimeOffset now)
    {
        Complete(SystemActors.Engine, output, now);
        Run.EndLease();
    }

    /// <summary>
    /// The running attempt failed (the handler said so, threw, or its lease ran out). With attempts left the task is
    /// requeued, not to be claimed before <paramref name="retryAt"/>; otherwise, or when <paramref name="retryAt"/>
    /// is null (trying again cannot help), it fails for good (dead).
    /// </summary>
    /// <returns>True when it was requeued.</returns>
    public bool FailRun(string reason, DateTimeOffset? retryAt, DateTimeOffset now)
    {
        // Handlers' messages are not validated input: an empty one gets a generic reason, a long one is cut.
        var truncated = string.IsNullOrWhiteSpace(reason) ? "The attempt failed." : reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason;
        var requeue = Run.WouldRetry(retryAt);
        Transition(requeue ? TaskTrigger.Requeue : TaskTrigger.Fail, SystemActors.Engine, now, truncated, onEntered: () =>
        {
            // Requeued, it has no owner until the next claim; failed for good, the engine stays its owner of record.
            if (requeue)
            {
                OwnerId = null;
            }

            FailureReason = truncated;
            Run.RecordFailedAttempt(retryAt);
        });
        return requeue;
    }

    /// <summary>The worker gives the task back unfinished (it is shutting down): pending again, the attempt not counted.</summary>
    public void AbandonRun(DateTimeOffset now) =>
        Transition(TaskTrigger.Release, SystemActors.Engine, now, onEntered: () =>
        {
            OwnerId = null;
            Run.EndLease();
        });

    public void Cancel(Actor actor, string? reason, DateTimeOffset now)
    {
        if (reason is { Length: > ReasonMaxLength })
        {
            throw new DomainException(TaskErrors.ReasonTooLong);
        }

        // A running automated task's worker sees its lease end at its next heartbeat and cancels the handler.
        Transition(TaskTrigger.Cancel, actor, now, reason, onEntered: Run.EndLease);
    }

    /// <summary>Replaces the assignees (managers and admins only); a person appears at most once.</summary>
    public void AssignTo(IEnumerable<Guid> userIds, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(userIds);
        if (!actor.IsManagerOrAdmin)
        {
            throw new DomainException(TaskErrors.NotManager);
        }

        EnsureNotArchived();
        if (IsAutomated)
        {
            throw new DomainException(TaskErrors.AutomatedTask);
        }

        var wanted = userIds.Distinct().ToList();
        if (wanted.Count > MaxAssignees)
        {
            throw new DomainException(TaskErrors.TooManyAssignees);
        }

        var before = AssigneeList();
        _assignees.RemoveAll(assignee => !wanted.Contains(assignee.UserId));
        _assignees.AddRange(wanted.Where(userId => !_assignees.Exists(assignee => assignee.UserId == userId)).Select(userId => new TaskAssignee(Id, userId, now)));
        var after = AssigneeList();
        if (before == after)
        {
            return;
        }

        UpdatedAt = now;
        _history.Add(TaskHistoryEntry.Edit(Id, [new FieldChange("assignees", before, after)], actor.UserId, now, TaskHistoryKind.Assigned));
        Raise(new TaskAssigned(Id, [.. _assignees.Select(assignee => assignee.UserId)], actor.UserId, now));
    }

    /// <summary>Replaces the tags (creator, managers and admins); duplicates collapse after normalisation.</summary>
    public void Tag(IEnumerable<string> tags, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tags);
        EnsureCreatorOrManager(actor);
        EnsureNotArchived();
        var wanted = tags.Select(TagName.Normalise).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (wanted.Count > TagName.MaxPerTask)
        {
            throw new DomainException(new DomainError("too_many_tags", $"A task has at most {TagName.MaxPerTask} tags.", ErrorKind.Validation));
        }

        var before = string.Join(',', _tags);
        var after = string.Join(',', wanted);
        if (before == after)
        {
            return;
        }

        _tags.Clear();
        _tags.AddRange(wanted);
        UpdatedAt = now;
        _history.Add(TaskHistoryEntry.Edit(Id, [new FieldChange("tags", before, after)], actor.UserId, now, TaskHistoryKind.Tagged));
        Raise(new TaskUpdated(Id, ["tags"], actor.UserId, now));
    }

    /// <summary>Records in the history that a comment on this task was written, edited or deleted.</summary>
    public void RecordComment(TaskHistoryKind kind, Guid commentId, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (kind is not (TaskHistoryKind.Commented or TaskHistoryKind.CommentEdited or TaskHistoryKind.CommentDeleted))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a comment event.");
        }

        _history.Add(TaskHistoryEntry.Edit(Id, [new FieldChange("comment", null, commentId.ToString())], actor.UserId, now, kind));
        var change = kind switch
        {
            TaskHistoryKind.Commented => CommentChange.Added,
            TaskHistoryKind.CommentEdited => CommentChange.Edited,
            _ => CommentChange.Deleted,
        };
        Raise(new TaskCommented(Id, commentId, change, actor.UserId, now));
    }

    /// <summary>
    /// The scheduler flags a task that is open, not archived and past its due date at <paramref name="now"/>, once
    /// per due date: the history records it and <see cref="TaskOverdue"/> is raised. Anything else (no due date, not
    /// yet due, ended, archived, already flagged) changes nothing.
    /// </summary>
    /// <returns>True when the task was flagged now.</returns>
    public bool FlagOverdue(DateTimeOffset now)
    {
        if (DueDate is not { } dueDate || dueDate >= now || !IsOpen || IsArchived || OverdueFlaggedAt is not null)
        {
            return false;
        }

        OverdueFlaggedAt = now;
        UpdatedAt = now;
        _history.Add(TaskHistoryEntry.Of(Id, TaskHistoryKind.Overdue, SystemActors.Scheduler.UserId, now));
        Raise(new TaskOverdue(Id, dueDate, SystemActors.Scheduler.UserId, now));
        return true;
    }

    public bool IsAssignedTo(Guid userId) => _assignees.Exists(assignee => assignee.UserId == userId);

    /// <summary>Archives (soft-deletes) the task; archiving it again changes nothing.</summary>
    public void Archive(Actor actor, DateTimeOffset now)
    {
        EnsureCreatorOrManager(actor);
        if (IsArchived)
        {
            return;
        }

        // A worker is running it: archived, it would accept no outcome (an archived task accepts no change), and the
        // worker could not end the attempt it holds.
        if (IsAutomated && Status == TaskItemStatus.Running)
        {
            throw new DomainException(TaskErrors.NotEnded);
        }

        ArchivedAt = now;
        UpdatedAt = now;
        _history.Add(TaskHistoryEntry.Of(Id, TaskHistoryKind.Archived, actor.UserId, now));
        Raise(new TaskArchived(Id, actor.UserId, now));
    }

    /// <summary>
    /// Retention: the engine archives an automated task that has ended (done, cancelled, or failed for good), as
    /// its creator could; a task that is still live, or a person's task, is not the engine's to archive.
    /// </summary>
    public void ArchiveEndedRun(DateTimeOffset now)
    {
        if (!IsAutomated)
        {
            throw new DomainException(TaskErrors.NotCreatorOrManager);
        }

        if (Status is not (TaskItemStatus.Done or TaskItemStatus.Cancelled or TaskItemStatus.Failed))
        {
            throw new DomainException(TaskErrors.NotEnded);
        }

        if (IsArchived)
        {
            return;
        }

        ArchivedAt = now;
        UpdatedAt = now;
        _history.Add(TaskHistoryEntry.Of(Id, TaskHistoryKind.Archived, SystemActors.Engine.UserId, now));
        Raise(new TaskArchived(Id, SystemActors.Engine.UserId, now));
    }

    /// <summary>Restores an archived task as it was; unarchiving a live task changes nothing.</summary>
    public void Unarchive(Actor actor, DateTimeOffset now)
    {
        EnsureCreatorOrManager(actor);
        if (!IsArchived)
        {
            return;
        }

        ArchivedAt = null;
        UpdatedAt = now;
        _history.Add(TaskHistoryEntry.Of(Id, TaskHistoryKind.Unarchived, actor.UserId, now));
        Raise(new TaskUnarchived(Id, actor.UserId, now));
    }

    /// <summary>What <paramref name="actor"/> may do to this task now (nothing while it is archived).</summary>
    public IReadOnlyList<TaskTrigger> PermittedTriggers(Actor actor) => IsArchived ? [] : TaskLifecycle.PermittedTriggers(this, actor);

    /// <summary>What <paramref name="actor"/> could do to this task's status but may not, with the code that says why (nothing while it is archived).</summary>
    public IReadOnlyList<RefusedTrigger> RefusedTriggers(Actor actor) => IsArchived ? [] : TaskLifecycle.RefusedTriggers(this, actor);

    /// <summary>An unassigned task may be taken by anyone who sees it, an assigned one by its assignees.</summary>
    internal bool MayBeTakenBy(Guid userId) => _assignees.Count == 0 || IsAssignedTo(userId);

    private void Transition(TaskTrigger trigger, Actor actor, DateTimeOffset now, string? reason = null, Action? onEntered = null, string? result = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureNotArchived();
        var from = Status;
        Status = TaskLifecycle.Fire(this, actor, trigger, reason, result);
        onEntered?.Invoke();
        UpdatedAt = now;
        _history.Add(TaskHistoryEntry.Transition(Id, from, Status, trigger, actor.UserId, now, reason));
        Raise(new TaskTransitioned(Id, from, Status, trigger, actor.UserId, now, reason, result));
    }

    private string AssigneeList() => string.Join(',', _assignees.Select(assignee => assignee.UserId).Order());

    private void EnsureNotArchived()
    {
        if (IsArchived)
        {
            throw new DomainException(TaskErrors.Archived);
        }
    }

    private void EnsureCreatorOrManager(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (CreatedBy != actor.UserId && !actor.IsManagerOrAdmin)
        {
            throw new DomainException(TaskErrors.NotCreatorOrManager);
        }
    }

    private static void Track(List<FieldChange> changes, string field, string? oldValue, string? newValue)
    {
        if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, oldValue, newValue));
        }
    }

    private static string Name(TaskPriority priority) => priority.ToString().ToLowerInvariant();

    private static string? CheckMetadata(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var error = new DomainException(new DomainError("invalid_metadata", $"Metadata is a JSON object of at most {MetadataMaxBytes / 1024} KiB.", ErrorKind.Validation));
        if (System.Text.Encoding.UTF8.GetByteCount(json) > MetadataMaxBytes)
        {
            throw error;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object ? json : throw error;
        }
        catch (System.Text.Json.JsonException)
        {
            throw error;
        }
    }

    private static string CheckTitle(string? title)
    {
        var trimmed = title?.Trim() ?? string.Empty;
        return trimmed.Length is 0 or > TitleMaxLength ? throw new DomainException(TaskErrors.InvalidTitle) : trimmed;
    }

    private static string? CheckDescription(string? description) =>
        description is { Length: > DescriptionMaxLength } ? throw new DomainException(TaskErrors.InvalidDescription) : description;
}
