namespace TaskOrchestration.Application.Common.Models;

/// <summary>One page of a list, as the API returns it.</summary>
public sealed class PagedList<T>
{
    /// <summary>The items of this page, in order.</summary>
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>The page number, starting at 1.</summary>
    public required int Page { get; init; }

    /// <summary>The largest number of items a page holds.</summary>
    public required int PageSize { get; init; }

    /// <summary>
    /// How many items match across all pages: only when the request asked for it with <c>includeTotal=true</c>,
    /// and only when at most 10,000 match; null otherwise (counting more costs more than the page is worth: page on
    /// with <c>hasMore</c> or <c>nextCursor</c>, or narrow the filter).
    /// </summary>
    public required int? TotalCount { get; init; }

    /// <summary>Whether another page follows this one.</summary>
    public required bool HasMore { get; init; }

    /// <summary>Where the next page starts, for keyset paging (pass it back as <c>cursor</c>); null on the last page.</summary>
    public string? NextCursor { get; init; }
}
