using Microsoft.Extensions.Logging.Console;

namespace TaskOrchestration.WebApi.Hosting;

/// <summary>
/// How the console log reads: every line stamped in UTC, ISO 8601 (unless Logging:Console:FormatterOptions:TimestampFormat
/// says otherwise), and with <c>Logging:Console:FormatterName=json</c> one JSON object a line whose structured values
/// keep their shape (<see cref="JsonLinesConsoleFormatter"/>).
/// </summary>
internal static class ConsoleLogFormat
{
    /// <summary>ISO 8601 in UTC, to the millisecond: 2026-12-06T19:52:00.123Z.</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static ILoggingBuilder AddConsoleLogFormat(this ILoggingBuilder logging)
    {
        // The console keeps the first formatter registered under a name: the built-in "json" one goes, ours takes its name.
        var builtInJson = logging.Services
            .Where(service => service.ServiceType == typeof(ConsoleFormatter) && service.ImplementationType?.Name == "JsonConsoleFormatter")
            .ToList();
        builtInJson.ForEach(service => logging.Services.Remove(service));
        logging.AddConsoleFormatter<JsonLinesConsoleFormatter, JsonConsoleFormatterOptions>();

        // Without a formatter name the console copies its own obsolete settings (no timestamp) over the simple formatter's.
        logging.Services.Configure<ConsoleLoggerOptions>(options => options.FormatterName ??= ConsoleFormatterNames.Simple);

        // After the configuration is bound (AddConsole came first): a format someone configured stays as they set it.
        // The simple formatter writes the level straight after the stamp, hence its trailing space.
        logging.Services.Configure<SimpleConsoleFormatterOptions>(options => StampInUtc(options, TimestampFormat + " "));
        logging.Services.Configure<JsonConsoleFormatterOptions>(options => StampInUtc(options, TimestampFormat));
        return logging;
    }

    private static void StampInUtc(ConsoleFormatterOptions options, string format)
    {
        if (options.TimestampFormat is null)
        {
            options.TimestampFormat = format;
            options.UseUtcTimestamp = true;
        }
    }
}
