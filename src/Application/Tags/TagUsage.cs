namespace TaskOrchestration.Application.Tags;

/// <summary>A tag and how many live tasks the caller can see carry it.</summary>
/// <param name="Name">The tag, in lower case.</param>
/// <param name="Count">How many tasks carry it.</param>
public sealed record TagUsage(string Name, int Count);
