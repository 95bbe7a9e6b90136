namespace TaskOrchestration.Application.Common.Models;

/// <summary>The rules every paged list follows.</summary>
public static class Paging
{
    /// <summary>
    /// Lists count their matches only when asked (<c>includeTotal=true</c>), and then only up to this many: PostgreSQL
    /// has no cheap exact count, and counting a million matches costs a hundred times more than reading the page.
    /// Past the limit the total is reported as unknown, and clients page on with <c>hasMore</c> or a cursor.
    /// </summary>
    public const int TotalCountLimit = 10_000;

    /// <summary>The API's shape of a page, its items mapped.</summary>
    public static PagedList<TResult> ToPagedList<TSource, TResult>(this Page<TSource> page, Func<TSource, TResult> map, string? nextCursor = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(map);
        return new PagedList<TResult>
        {
            Items = [.. page.Items.Select(map)],
            Page = page.PageNumber,
            PageSize = page.PageSize,
            TotalCount = page.TotalCount,
            HasMore = page.HasMore,
            NextCursor = nextCursor,
        };
    }
}
