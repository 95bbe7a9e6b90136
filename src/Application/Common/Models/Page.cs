namespace TaskOrchestration.Application.Common.Models;

/// <summary>One page of a longer list, with the total number of matches.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount, bool HasMore = false);
