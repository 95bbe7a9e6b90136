namespace TaskOrchestration.Application.Common.Models;

/// <summary>
/// One page of a longer list as a repository reads it: the items, whether more follow, and how many match in all
/// when the request asked for it and at most <see cref="Paging.TotalCountLimit"/> do (null otherwise).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int? TotalCount, bool HasMore);
