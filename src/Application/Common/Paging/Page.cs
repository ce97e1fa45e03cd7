namespace RunnerTokens.Application.Common.Paging;

/// <summary>One page of a listing; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>The same page with each item converted (e.g. rows to DTOs); the cursor is kept.</summary>
    public Page<TResult> Map<TResult>(Func<T, TResult> map) => new([.. Items.Select(map)], NextCursor);
}

public static class PageLimits
{
    public const int Default = 50;
    public const int Max = 200;

    /// <summary>The page size a caller's limit asks for (null: <see cref="Default"/>).</summary>
    public static int SizeOf(int? limit) => limit ?? Default;
}
