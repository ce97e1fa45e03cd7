using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>One page of a listing; pass <c>nextCursor</c> as <c>cursor</c> for the next page (null on the last).</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    public static PageResponse<T> From<TSource>(Page<TSource> page, Func<TSource, T> map) =>
        new([.. page.Items.Select(map)], page.NextCursor);
}
