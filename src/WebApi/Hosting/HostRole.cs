namespace TaskOrchestration.WebApi.Hosting;

/// <summary>
/// What this process does (<c>--role</c> on the command line, or the <c>Role</c> setting): serve the API, run the
/// worker engine, or both (the default). Worker-only processes still answer /health and /ready, for orchestrators.
/// </summary>
internal enum HostRole
{
    Both,
    Api,
    Worker,
}

internal static class HostRoles
{
    public const string SettingName = "Role";

    public static HostRole Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "both" => HostRole.Both,
        "api" => HostRole.Api,
        "worker" => HostRole.Worker,
        _ => throw new CannotStartException($"the role '{value}' is unknown. Use --role api, --role worker or --role both (or the Role setting)."),
    };

    public static bool ServesApi(this HostRole role) => role is HostRole.Both or HostRole.Api;

    public static bool RunsWorker(this HostRole role) => role is HostRole.Both or HostRole.Worker;
}
