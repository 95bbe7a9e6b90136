using System.Diagnostics;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// How a test starts the real host, TaskOrchestration.WebApi.dll (the Release build copied beside the tests), in one
/// role: on a free port, on the test's database and keys, logging JSON lines at Warning, then the role's own
/// logging settings, then the test's settings (each later one wins).
/// </summary>
internal static class HostProcessStart
{
    public static ProcessStartInfo For(
        string role, string connectionString, string keysFolder, IReadOnlyDictionary<string, string> roleSettings, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TaskOrchestration.WebApi.dll"));
        start.ArgumentList.Add("--role");
        start.ArgumentList.Add(role);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_gcServer"] = "0";
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Default"] = connectionString,
            ["Jwt:KeysPath"] = keysFolder,
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in roleSettings.Concat(settings))
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        return start;
    }
}
