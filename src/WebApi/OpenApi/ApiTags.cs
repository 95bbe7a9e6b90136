using NSwag;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// The document's tags in the order a newcomer walks the API (sign in, tasks, what hangs off them, the people, then
/// the integrations and the operators' parts), each with what it groups. Swagger UI lists the groups in this order.
/// </summary>
internal static class ApiTags
{
    private static readonly (string Name, string Description)[] InWalkingOrder =
    [
        ("Auth", "Register, sign in for an access token and a refresh token, refresh, sign out."),
        ("Tasks", "Create tasks and take them through their lifecycle; list, filter, assign, tag, archive; their history."),
        ("Comments", "The discussion on a task."),
        ("Tags", "The tags in use."),
        ("People", "The names behind user ids, and the list people are picked from."),
        ("Users", "The signed-in user's account; the admins' view of every account."),
        ("Teams", "Teams and their members: a team's tasks are visible to its members."),
        ("Notifications", "The inbox, and how each user is told of each event."),
        ("Webhooks", "Endpoints that receive events, signed, with their deliveries (admins)."),
        ("Schedules", "Recurring jobs and their runs (operators)."),
        ("Engine", "Workers and queues of automated tasks (operators)."),
        ("Events", "The outbox's parked events, and replaying them (operators)."),
    ];

    /// <summary>Replaces the document's tags with these, in this order; a tag an operation uses but this list lacks is kept, last.</summary>
    public static void Apply(OpenApiDocument document)
    {
        var used = document.Operations.SelectMany(operation => operation.Operation.Tags).Distinct(StringComparer.Ordinal).ToList();
        document.Tags.Clear();
        foreach (var (name, description) in InWalkingOrder.Where(tag => used.Contains(tag.Name)))
        {
            document.Tags.Add(new OpenApiTag { Name = name, Description = description });
        }

        foreach (var name in used.Where(name => InWalkingOrder.All(tag => tag.Name != name)))
        {
            document.Tags.Add(new OpenApiTag { Name = name });
        }
    }
}
