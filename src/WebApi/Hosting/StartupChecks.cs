using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using TaskOrchestration.Infrastructure;
using TaskOrchestration.Infrastructure.Identity;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.WebApi.Hosting;

/// <summary>
/// What the host checks before it starts, so that a mistake in the configuration is one line and a non-zero exit
/// instead of a stack trace, or a process that runs but answers 500 to every request: a database that is not
/// configured, cannot be reached or refuses the credentials, signing keys that are missing outside Development, and
/// (when Kestrel starts) a port that another program holds.
/// </summary>
internal static partial class StartupChecks
{
    /// <summary>How every startup failure line begins (tests and scripts look for it).</summary>
    public const string LinePrefix = "TaskOrchestration cannot start: ";

    /// <summary>
    /// <c>Startup:CheckDatabase=false</c> starts the host without reaching the database first, for a deployment that
    /// starts it before the database (it then answers 503 and /ready says not ready until the database answers).
    /// </summary>
    public const string CheckDatabaseSetting = "Startup:CheckDatabase";

    /// <summary>The category under which the generic host logs a failed start, with its stack trace.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// The generic host logs a failed start (a port in use) as an error with its stack trace before Program can explain
    /// it in one line. Only Critical passes from its category: a background service that fails still stops the host
    /// with a Critical entry that carries the exception (the default BackgroundServiceExceptionBehavior.StopHost), and a
    /// start that fails for a reason Program does not know ends as an unhandled exception, stack trace and all.
    /// </summary>
    public static ILoggingBuilder LeaveStartFailuresToProgram(this ILoggingBuilder logging) =>
        logging.AddFilter(HostCategory, LogLevel.Critical);

    /// <summary>Throws <see cref="CannotStartException"/> when the configuration cannot work.</summary>
    public static async Task EnsureCanStartAsync(WebApplication app, bool migrating)
    {
        var connectionString = app.Configuration.GetConnectionString(DependencyInjection.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new CannotStartException(
                "no database is configured. Set ConnectionStrings__Default (Host=...;Port=5432;Database=...;Username=...;Password=...).");
        }

        // The migrate command serves nothing. A worker signs no tokens, but its /health and /ready pass through the
        // authentication middleware that ASP.NET Core adds by itself, which loads the keys: without them, a 500.
        if (!migrating)
        {
            EnsureSigningKeys(app);
        }

        if (app.Configuration.GetValue(CheckDatabaseSetting, defaultValue: true)
            && await DatabaseConnectionCheck.FindProblemAsync(connectionString, creatingTheDatabase: migrating, app.Lifetime.ApplicationStopping) is { } problem)
        {
            throw new CannotStartException(problem);
        }
    }

    /// <summary>
    /// What <c>app.RunAsync()</c> does, except that a start that fails (a port in use) stops what had started before
    /// the host is disposed: disposed without a stop, each background service ends as cancelled and the host logs that as
    /// a Critical failure, under the one line that explains the real cause.
    /// </summary>
    public static async Task RunToShutdownAsync(this WebApplication app)
    {
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch
            {
                await app.StopAsync();
                throw;
            }

            await app.WaitForShutdownAsync();
        }
    }

    /// <summary>The one line that explains a failed start, or null when the failure is not a known misconfiguration.</summary>
    public static string? Explain(Exception exception) => exception switch
    {
        CannotStartException => LinePrefix + exception.Message,
        IOException { InnerException: AddressInUseException } => LinePrefix + PortInUse(exception.Message),
        _ => null,
    };

    private static void EnsureSigningKeys(WebApplication app)
    {
        try
        {
            // A singleton built on first use: without this, the host starts and answers 500 to every sign-in and token.
            app.Services.GetRequiredService<SigningKeys>();
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            var where = app.Environment.IsDevelopment() ? string.Empty : $" (environment {app.Environment.EnvironmentName}: only Development makes a key itself)";
            throw new CannotStartException($"the token signing keys cannot be loaded{where}: {exception.Message}");
        }
    }

    /// <summary>Kestrel says "Failed to bind to address http://127.0.0.1:8080: address already in use."</summary>
    private static string PortInUse(string kestrelMessage)
    {
        var match = BoundAddress().Match(kestrelMessage);
        var port = match.Success && Uri.TryCreate(match.Groups["address"].Value, UriKind.Absolute, out var address) ? $"port {address.Port}" : "a port it listens on";
        var addressText = match.Success ? $" ({match.Groups["address"].Value})" : string.Empty;
        return $"{port} is in use{addressText}. Set Urls or ASPNETCORE_URLS to a free port.";
    }

    [GeneratedRegex(@"address (?<address>\S+): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BoundAddress();
}
