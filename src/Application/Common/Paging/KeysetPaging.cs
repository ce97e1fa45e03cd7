using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Paging;

/// <summary>Newest-first keyset paging for EF queries, issuing and reading <see cref="KeysetCursor"/>s.</summary>
public static class KeysetPaging
{
    /// <summary>
    /// One page of <paramref name="source"/>, newest first: ordered by <paramref name="time"/> descending, then
    /// <paramref name="id"/> descending (the tie-breaker that makes the order total). A <paramref name="cursor"/>
    /// from a previous page continues strictly after the row it names; null starts at the top.
    /// </summary>
    /// <param name="source">The filtered query, not yet ordered; apply filters (visibility, search) before calling.</param>
    /// <param name="cursor">The caller's opaque cursor, or null for the first page.</param>
    /// <param name="limit">Page size; null means <see cref="PageLimits.Default"/>. Range checks are the validator's job.</param>
    /// <param name="time">The row's time key, e.g. <c>r =&gt; r.CreatedAt</c>; it must be translatable by EF.</param>
    /// <param name="id">The row's unique id, e.g. <c>r =&gt; r.Id</c>; it must be translatable by EF.</param>
    /// <returns>
    /// The page (its next cursor names the last item; null on the last page), or <see cref="KeysetCursor.Invalid"/>
    /// when <paramref name="cursor"/> is not one this service issued. Map items to DTOs afterwards with
    /// <see cref="Page{T}.Map{TResult}"/>: the keys are read from the materialized rows.
    /// </returns>
    public static Task<Result<Page<T>>> ToKeysetPageAsync<T>(
        this IQueryable<T> source,
        string? cursor,
        int? limit,
        Expression<Func<T, DateTimeOffset>> time,
        Expression<Func<T, Guid>> id,
        CancellationToken cancellationToken) =>
        // The rows themselves (an identity projection). The keys are read from one row, and only when another page
        // follows: interpreted, not compiled, so a listing never generates code on the request path.
        source.ToKeysetPageAsync(
            cursor,
            limit,
            time,
            id,
            row => row,
            row => new KeysetCursor(time.Compile(preferInterpretation: true)(row), id.Compile(preferInterpretation: true)(row)),
            cancellationToken);

    /// <summary>
    /// The same page, projected in the query (<paramref name="projection"/> runs in SQL: only the columns it names
    /// are read, no entity is materialized); ordered and bounded exactly as
    /// <see cref="ToKeysetPageAsync{T}(IQueryable{T}, string?, int?, Expression{Func{T, DateTimeOffset}}, Expression{Func{T, Guid}}, CancellationToken)"/>.
    /// </summary>
    /// <param name="cursorOf">The keys of a projected item: the same time and id the rows are ordered by.</param>
    public static async Task<Result<Page<TResult>>> ToKeysetPageAsync<T, TResult>(
        this IQueryable<T> source,
        string? cursor,
        int? limit,
        Expression<Func<T, DateTimeOffset>> time,
        Expression<Func<T, Guid>> id,
        Expression<Func<T, TResult>> projection,
        Func<TResult, KeysetCursor> cursorOf,
        CancellationToken cancellationToken)
    {
        var after = source.After(cursor, time, id);
        if (after.IsFailure)
        {
            return after.Error;
        }

        return await after.Value
            .OrderByDescending(time)
            .ThenByDescending(id)
            .Select(projection)
            .TakePageAsync(limit, cursorOf, cancellationToken);
    }

    /// <summary>
    /// The tail of any paged listing: reads one row more than <paramref name="limit"/> from the ordered query to
    /// learn whether another page follows, and if so issues a cursor for the last item kept.
    /// </summary>
    public static Task<Page<T>> ToPageAsync<T>(
        this IOrderedQueryable<T> ordered,
        int? limit,
        Func<T, KeysetCursor> cursorOf,
        CancellationToken cancellationToken) =>
        ordered.TakePageAsync(limit, cursorOf, cancellationToken);

    /// <summary>The rows strictly after <paramref name="cursor"/> (all rows without one), or the cursor's error.</summary>
    private static Result<IQueryable<T>> After<T>(
        this IQueryable<T> source, string? cursor, Expression<Func<T, DateTimeOffset>> time, Expression<Func<T, Guid>> id)
    {
        if (cursor is null)
        {
            return Result.Success(source);
        }

        return KeysetCursor.TryDecode(cursor, out var after)
            ? Result.Success(source.Where(Before(time, id, new Bound { Time = after.Time, Id = after.Id })))
            : KeysetCursor.Invalid;
    }

    /// <summary>Reads <paramref name="limit"/> + 1 items of an already ordered query (the extra one only tells that a page follows).</summary>
    private static Task<Page<T>> TakePageAsync<T>(
        this IQueryable<T> ordered,
        int? limit,
        Func<T, KeysetCursor> cursorOf,
        CancellationToken cancellationToken) =>
        ordered.Take(PageLimits.SizeOf(limit) + 1).AsAsyncEnumerable().ToPageAsync(limit, cursorOf, cancellationToken);

    /// <summary>
    /// The page in <paramref name="rows"/>: the first <see cref="PageLimits.SizeOf"/>(<paramref name="limit"/>) + 1
    /// rows of an ordered query (a compiled one, say), the extra row only telling that another page follows; if so,
    /// the cursor names the last item kept.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(
        this IAsyncEnumerable<T> rows,
        int? limit,
        Func<T, KeysetCursor> cursorOf,
        CancellationToken cancellationToken)
    {
        var size = PageLimits.SizeOf(limit);
        var items = new List<T>(size + 1);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            items.Add(row);
        }

        if (items.Count <= size)
        {
            return new Page<T>(items, null);
        }

        items.RemoveRange(size, items.Count - size);
        return new Page<T>(items, items.Count > 0 ? cursorOf(items[^1]).Encode() : null);
    }

    /// <summary><c>time(row) &lt; bound.Time || (time(row) == bound.Time &amp;&amp; id(row) &lt; bound.Id)</c>.</summary>
    private static Expression<Func<T, bool>> Before<T>(
        Expression<Func<T, DateTimeOffset>> time, Expression<Func<T, Guid>> id, Bound bound)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var rowTime = new Rebind(time.Parameters[0], row).Visit(time.Body);
        var rowId = new Rebind(id.Parameters[0], row).Visit(id.Body);

        // Read through a captured object, as a closure would, so EF sends parameters and caches one plan.
        var holder = Expression.Constant(bound);
        var boundTime = Expression.Field(holder, nameof(Bound.Time));
        var boundId = Expression.Field(holder, nameof(Bound.Id));
        var compareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

        var body = Expression.OrElse(
            Expression.LessThan(rowTime, boundTime),
            Expression.AndAlso(
                Expression.Equal(rowTime, boundTime),
                Expression.LessThan(Expression.Call(rowId, compareTo, boundId), Expression.Constant(0))));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private sealed class Bound
    {
        public DateTimeOffset Time;
        public Guid Id;
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
