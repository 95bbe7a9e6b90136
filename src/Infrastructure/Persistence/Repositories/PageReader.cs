using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Models;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

/// <summary>Reads one page of a list the same way for every repository.</summary>
internal static class PageReader
{
    /// <summary>
    /// Reads one item more than a page from <paramref name="pageStart"/> (the ordered list already positioned at the
    /// page's first item), which tells whether another page follows; when asked, also counts
    /// <paramref name="matching"/>, stopping at the first row past <see cref="Paging.TotalCountLimit"/>.
    /// </summary>
    public static async Task<Page<T>> ReadAsync<T>(IQueryable<T> matching, IQueryable<T> pageStart, PageRequest page, CancellationToken cancellationToken)
    {
        int? totalCount = null;
        if (page.IncludeTotal)
        {
            var counted = await matching.Take(Paging.TotalCountLimit + 1).CountAsync(cancellationToken);
            totalCount = counted > Paging.TotalCountLimit ? null : counted;
        }

        var items = await pageStart.Take(page.Size + 1).ToListAsync(cancellationToken);
        var hasMore = items.Count > page.Size;
        return new Page<T>(hasMore ? items[..page.Size] : items, page.Number, page.Size, totalCount, hasMore);
    }
}
