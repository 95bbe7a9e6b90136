namespace TaskOrchestration.Application.Common.Models;

/// <summary>Which page of a list to read, and whether to count every match too.</summary>
/// <param name="Number">The page number, from 1.</param>
/// <param name="Size">The largest number of items on the page.</param>
/// <param name="IncludeTotal">Count the matches (up to <see cref="Paging.TotalCountLimit"/>); left out, the count is not made.</param>
public sealed record PageRequest(int Number, int Size, bool IncludeTotal);
