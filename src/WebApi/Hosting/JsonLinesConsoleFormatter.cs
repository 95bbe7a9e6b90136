using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace TaskOrchestration.WebApi.Hosting;

/// <summary>
/// The console's JSON lines (<c>Logging:Console:FormatterName=json</c>), field for field as the built-in formatter
/// writes them (Timestamp, EventId, LogLevel, Category, Message, Exception, State, Scopes), except the structured
/// values: the built-in one writes a list as its type name ("System.String[]") and a date in the machine's culture;
/// here a list is a JSON array, a date ISO 8601, a number a number.
/// </summary>
internal sealed class JsonLinesConsoleFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = ConsoleFormatterNames.Json;

    private readonly IDisposable? _optionsReloadToken;
    private JsonConsoleFormatterOptions _options;

    public JsonLinesConsoleFormatter(IOptionsMonitor<JsonConsoleFormatterOptions> options)
        : base(FormatterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.CurrentValue;
        _optionsReloadToken = options.OnChange(changed => _options = changed);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && message is null)
        {
            return;
        }

        var options = _options;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, options.JsonWriterOptions))
        {
            writer.WriteStartObject();
            if (options.TimestampFormat is { } format)
            {
                var now = options.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
                writer.WriteString("Timestamp", now.ToString(format, CultureInfo.InvariantCulture));
            }

            writer.WriteNumber("EventId", logEntry.EventId.Id);
            writer.WriteString("LogLevel", logEntry.LogLevel.ToString());
            writer.WriteString("Category", logEntry.Category);
            writer.WriteString("Message", message);
            if (logEntry.Exception is { } exception)
            {
                writer.WriteString("Exception", exception.ToString());
            }

            if (logEntry.State is { } state)
            {
                writer.WritePropertyName("State");
                WriteProperties(writer, state);
            }

            if (options.IncludeScopes && scopeProvider is not null)
            {
                writer.WriteStartArray("Scopes");
                scopeProvider.ForEachScope((scope, json) => WriteProperties(json, scope), writer);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    public void Dispose() => _optionsReloadToken?.Dispose();

    /// <summary>A message template's values as an object; anything else as {"Message": its text}, like the built-in formatter.</summary>
    private static void WriteProperties(Utf8JsonWriter writer, object? state)
    {
        writer.WriteStartObject();
        if (state is IEnumerable<KeyValuePair<string, object?>> properties)
        {
            foreach (var (name, value) in properties)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }
        }
        else if (state is not null)
        {
            writer.WriteString("Message", Convert.ToString(state, CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double or float when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset instant:
                writer.WriteStringValue(instant);
                break;
            case DateTime instant:
                writer.WriteStringValue(instant);
                break;
            case Guid id:
                writer.WriteStringValue(id);
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Enums, TimeSpans and everything else: their invariant text.
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
