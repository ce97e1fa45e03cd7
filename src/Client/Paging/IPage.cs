namespace RunnerTokens.Client;

/// <summary>One page of a list operation: its items and the cursor of the next page (null on the last one).</summary>
/// <typeparam name="T">The item type.</typeparam>
public interface IPage<out T>
{
    /// <summary>The items of this page.</summary>
    IReadOnlyList<T> Items { get; }

    /// <summary>Pass it as <c>cursor</c> to get the next page; null when this is the last page.</summary>
    string? NextCursor { get; }
}
