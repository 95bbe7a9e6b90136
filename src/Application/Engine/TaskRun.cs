using System.Text.Json;

namespace TaskOrchestration.Application.Engine;

/// <summary>What a handler is told about the attempt it runs.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Title">Its title.</param>
/// <param name="Input">The JSON it was submitted with, if any.</param>
/// <param name="Attempt">The number of this attempt, from 1.</param>
/// <param name="MaxAttempts">How many attempts it gets.</param>
public sealed record TaskRun(Guid TaskId, string Kind, string Title, JsonElement? Input, int Attempt, int MaxAttempts);
