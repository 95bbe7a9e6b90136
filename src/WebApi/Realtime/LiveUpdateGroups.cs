namespace TaskOrchestration.WebApi.Realtime;

/// <summary>
/// The hub's groups, built from the visibility rules (TaskVisibility): every connection is in <see cref="Everyone"/>
/// (tasks without a team) and in its user's group; managers and admins in <see cref="AllTeams"/>; members in one
/// group per team. A team task goes to its team's group and to <see cref="AllTeams"/>, which never share a
/// connection, so nobody receives an event twice.
/// </summary>
internal static class LiveUpdateGroups
{
    public const string Everyone = "everyone";
    public const string AllTeams = "all-teams";

    public static string Team(Guid teamId) => $"team:{teamId}";

    public static string User(Guid userId) => $"user:{userId}";

    /// <summary>The groups an event about a task of <paramref name="teamId"/> goes to.</summary>
    public static IReadOnlyList<string> For(Guid? teamId) => teamId is { } team ? [Team(team), AllTeams] : [Everyone];
}
