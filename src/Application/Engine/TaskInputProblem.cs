namespace TaskOrchestration.Application.Engine;

/// <summary>Why a handler would refuse a task's input (see <see cref="ITaskHandler.CheckInput"/>).</summary>
/// <param name="Path">Where, below the input: "" for the input itself, ".url", "[2]".</param>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="Code">The stable problem code of a rule clients may tell apart (snake_case); null for a plain validation failure.</param>
public sealed record TaskInputProblem(string Path, string Message, string? Code = null);
