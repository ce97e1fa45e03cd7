using System.Runtime.CompilerServices;

namespace RunnerTokens.Client;

/// <summary>Walks a list operation page by page, following <see cref="IPage{T}.NextCursor"/>.</summary>
public static class RunnerTokensPaging
{
    /// <summary>
    /// Every item of a list operation: asks for the first page, then for the next one with the previous page's
    /// cursor until a page has none. Pages are fetched lazily, as the enumeration needs them.
    /// </summary>
    /// <param name="readPage">Reads one page: the cursor (null for the first page) and the cancellation token.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public static async IAsyncEnumerable<T> ReadAllAsync<TPage, T>(
        Func<string?, CancellationToken, Task<TPage>> readPage,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TPage : IPage<T>
    {
        ArgumentNullException.ThrowIfNull(readPage);
        string? cursor = null;
        do
        {
            var page = await readPage(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.NextCursor is not null && page.NextCursor == cursor)
            {
                throw new InvalidOperationException("The service answered the same cursor twice; stopping instead of looping.");
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }
}
