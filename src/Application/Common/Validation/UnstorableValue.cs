namespace TaskOrchestration.Application.Common.Validation;

/// <summary>A part of a request that PostgreSQL would refuse to store, and why.</summary>
/// <param name="Path">Where it is, as clients name it: "title", "tags[1]", "metadata.customer.name" (from <see cref="StorableJson"/>, below the JSON value: ".customer.name").</param>
/// <param name="Message">Why it cannot be stored, in one sentence.</param>
public sealed record UnstorableValue(string Path, string Message);
