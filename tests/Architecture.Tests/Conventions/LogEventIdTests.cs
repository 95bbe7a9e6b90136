using System.Reflection;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.Conventions;

/// <summary>
/// The log event ids are published for log queries and alerts (the *LogEvents classes): an id names one event of one
/// component, so no two classes may give out the same number (the email sender and the scheduler once both used 7001).
/// </summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void EveryLogEventId_IsGivenOutOnce()
    {
        var ids = InfrastructureAssembly.GetTypes()
            .Where(type => type.Name.EndsWith("LogEvents", StringComparison.Ordinal))
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(field => field.IsLiteral && field.FieldType == typeof(int))
                .Select(field => (Id: (int)field.GetRawConstantValue()!, Name: $"{type.Name}.{field.Name}")))
            .ToList();

        Assert.True(ids.Count >= 20, $"Only {ids.Count} log event ids found: the rule no longer sees the *LogEvents classes.");
        var shared = ids.GroupBy(id => id.Id).Where(group => group.Count() > 1).Select(group => $"{group.Key}: {string.Join(", ", group.Select(id => id.Name))}").ToList();
        Assert.True(shared.Count == 0, "Log event ids given out twice: " + string.Join("; ", shared));
    }

    [Fact]
    public void EveryLoggedEventId_IsOneOfThePublishedIds()
    {
        var published = InfrastructureAssembly.GetTypes()
            .Where(type => type.Name.EndsWith("LogEvents", StringComparison.Ordinal))
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.IsLiteral && field.FieldType == typeof(int)))
            .Select(field => (int)field.GetRawConstantValue()!)
            .ToHashSet();
        var logged = InfrastructureAssembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Message: method.GetCustomAttribute<Microsoft.Extensions.Logging.LoggerMessageAttribute>()))
            .Where(entry => entry.Message is { EventId: > 0 })
            .ToList();

        Assert.NotEmpty(logged);
        // A literal id in a [LoggerMessage] escapes the rule above (the live-update listener's 6103 was the webhook sender's too).
        var unpublished = logged.Where(entry => !published.Contains(entry.Message!.EventId)).Select(entry => $"{entry.Method.DeclaringType?.Name}.{entry.Method.Name}: {entry.Message!.EventId}").ToList();
        Assert.True(unpublished.Count == 0, "Log event ids not in a *LogEvents class: " + string.Join("; ", unpublished));
        var sharedByComponents = logged.GroupBy(entry => entry.Message!.EventId)
            .Where(group => group.Select(entry => entry.Method.DeclaringType).Distinct().Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => $"{entry.Method.DeclaringType?.Name}.{entry.Method.Name}"))}")
            .ToList();
        Assert.True(sharedByComponents.Count == 0, "Log event ids logged by more than one component: " + string.Join("; ", sharedByComponents));
    }
}
