namespace TaskOrchestration.ApiBaseline;

/// <summary>
/// The allowedActions and refusedActions of our TaskDto, for the benchmark's tasks: our lifecycle's rules
/// (src/Domain/Tasks/TaskLifecycle.cs) as a table, so that the baseline answers what ours answers without its state
/// machine. A computation on the row already read: no statement.
/// </summary>
internal static class TaskActions
{
    private const string NotCreatorOrManager = "not_creator_or_manager";
    private const string NotOwner = "not_owner";

    public static (IReadOnlyList<string> Allowed, IReadOnlyList<RefusedActionBody> Refused) For(TaskBody task, Guid caller, string? callerRole)
    {
        var allowed = new List<string>();
        var refused = new List<RefusedActionBody>();
        if (task.ArchivedAt is not null)
        {
            return (allowed, refused);
        }

        var creatorOrManager = task.CreatedBy == caller || callerRole is "manager" or "admin";
        var owner = task.OwnerId == caller;
        var automated = task.Kind != TaskBody.ManualKind;
        void Offer(string action, bool permitted, string code)
        {
            if (permitted)
            {
                allowed.Add(action);
            }
            else
            {
                refused.Add(new RefusedActionBody(action, code));
            }
        }

        switch (task.Status)
        {
            case "draft":
                Offer("publish", creatorOrManager, NotCreatorOrManager);
                Offer("cancel", creatorOrManager, NotCreatorOrManager);
                break;
            case "pending":
                Offer("take", !automated && (task.AssigneeIds.Count == 0 || task.AssigneeIds.Contains(caller)), automated ? "automated_task" : "not_assignee");
                Offer("cancel", creatorOrManager, NotCreatorOrManager);
                break;
            case "running":
                Offer("complete", owner, NotOwner);
                Offer("fail", owner, NotOwner);
                Offer("release", owner, NotOwner);
                Offer("requeue", automated && owner, automated ? NotOwner : "automated_task");
                Offer("cancel", creatorOrManager, NotCreatorOrManager);
                break;
            case "failed":
                Offer("retry", creatorOrManager, NotCreatorOrManager);
                break;
            default:
                break;
        }

        return (allowed, refused);
    }
}
