namespace TaskOrchestration.Domain.Tasks;

/// <summary>One field's value before and after an edit, as text.</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);
