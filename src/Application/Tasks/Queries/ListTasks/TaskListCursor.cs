using System.Globalization;
using System.Text;
using System.Text.Json;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Queries.ListTasks;

/// <summary>
/// Where a keyset page ends: the sort key and id of its last task. Pages that start after it stay stable when tasks are
/// inserted before them, and cost the same however deep they are. Opaque to clients (base64url of a small JSON).
/// </summary>
public sealed record TaskListCursor(TaskSortField SortBy, SortDirection Direction, string Key, Guid Id)
{
    public static string Encode(TaskItem last, TaskSortField sortBy, SortDirection direction)
    {
        ArgumentNullException.ThrowIfNull(last);
        var key = sortBy switch
        {
            TaskSortField.UpdatedAt => last.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            TaskSortField.Priority => ((int)last.Priority).ToString(CultureInfo.InvariantCulture),
            TaskSortField.Title => last.Title,
            _ => last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(new Wire((int)sortBy, (int)direction, key, last.Id));
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor, or null when the text is not one of ours.</summary>
    public static TaskListCursor? TryDecode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 1_000)
        {
            return null;
        }

        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var wire = JsonSerializer.Deserialize<Wire>(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            return wire is null || wire.K is null || !Enum.IsDefined((TaskSortField)wire.S) || !Enum.IsDefined((SortDirection)wire.D)
                    || !KeyFits((TaskSortField)wire.S, wire.K)
                ? null
                : new TaskListCursor((TaskSortField)wire.S, (SortDirection)wire.D, wire.K, wire.I);
        }
        catch (Exception exception) when (exception is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>A forged cursor must not reach the database: its key has to read as the sort field's type.</summary>
    private static bool KeyFits(TaskSortField sortBy, string key) => sortBy switch
    {
        TaskSortField.Priority => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var priority) && Enum.IsDefined((TaskPriority)priority),
        TaskSortField.Title => key.Length <= TaskItem.TitleMaxLength,
        _ => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks,
    };

    public DateTimeOffset KeyAsTime => new(long.Parse(Key, CultureInfo.InvariantCulture), TimeSpan.Zero);

    public TaskPriority KeyAsPriority => (TaskPriority)int.Parse(Key, CultureInfo.InvariantCulture);

    private sealed record Wire(int S, int D, string K, Guid I);
}
