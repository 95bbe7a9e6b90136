using System.Text.Json;
using System.Text.RegularExpressions;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Architecture.Tests.Documentation;

/// <summary>
/// docs/events.md is the contract receivers code against: its table of event types must name every type the code
/// publishes, by the name that goes on the wire, and nothing else; a type added to <see cref="EventType"/> without
/// its row fails here.
/// </summary>
public sealed partial class EventTypesDocumentationTests
{
    private const string Document = "docs/events.md";

    [Fact]
    public void EveryEventType_HasARowInTheEventTypeTable_UnderItsWireName()
    {
        string[] missing = [.. Events().Select(WireName).Except(TableRows(), StringComparer.Ordinal)];

        if (missing.Length > 0)
        {
            Assert.Fail($"The event-type table of {Document} (## Event types) has no row for: {string.Join(", ", missing)}.");
        }
    }

    [Fact]
    public void EveryRowOfTheEventTypeTable_IsAnEventType()
    {
        string[] unknown = [.. TableRows().Except(Events().Select(WireName), StringComparer.Ordinal)];

        if (unknown.Length > 0)
        {
            Assert.Fail($"The event-type table of {Document} has rows for types the code does not publish: {string.Join(", ", unknown)}.");
        }
    }

    [Fact]
    public void ATypeThatIsANotificationOnly_IsNamedUnderEventTypes_AsNoEvent()
    {
        // Such a type (the daily summary) shares the enum with the events but never reaches the outbox or webhooks:
        // the page must say so next to the table, or a receiver would wait for it.
        var section = EventTypesSection();
        string[] unexplained =
        [
            .. Enum.GetValues<EventType>()
                .Where(type => !WebhookSubscription.IsSubscribable(type))
                .Select(WireName)
                .Where(name => !section.Contains($"`{name}` is a notification type too", StringComparison.Ordinal)
                    || !section.Contains("it is not an event", StringComparison.Ordinal)),
        ];

        if (unexplained.Length > 0)
        {
            Assert.Fail($"{Document} (## Event types) does not say that these notification types are not events: {string.Join(", ", unexplained)}.");
        }
    }

    /// <summary>The types that are published as events (every type but the notification-only ones).</summary>
    private static IEnumerable<EventType> Events() => Enum.GetValues<EventType>().Where(WebhookSubscription.IsSubscribable);

    /// <summary>The type as it is serialised in envelopes and in the API ("taskCreated").</summary>
    private static string WireName(EventType type) => JsonSerializer.Serialize(type, EventJson.Options).Trim('"');

    /// <summary>The first cell of each row of the section's table, without the backticks; the header and separator rows left out.</summary>
    private static List<string> TableRows()
    {
        var rows = EventTypesSection().Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('|')).ToList();
        Assert.True(rows.Count > 2, $"{Document} (## Event types) has no table.");
        // A row whose first cell is not one backticked name is kept whole, so that it shows up as unknown.
        return [.. rows.Skip(2).Select(row => FirstCell().Match(row) is { Success: true } match ? match.Groups["name"].Value : row)];
    }

    private static string EventTypesSection()
    {
        var text = RepositoryFiles.Read(Document);
        var start = text.IndexOf("\n## Event types\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{Document} has no '## Event types' section.");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    [GeneratedRegex(@"^\|\s*`(?<name>[^`]+)`\s*\|")]
    private static partial Regex FirstCell();
}
