using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RunnerTokens.Infrastructure.Persistence.Converters;

/// <summary>Compares lists by their items, so change tracking sees a replaced list's content, not its reference.</summary>
internal sealed class ListValueComparer<T>() : ValueComparer<IReadOnlyList<T>>(
    (left, right) => left == null ? right == null : right != null && left.SequenceEqual(right),
    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, EqualityComparer<T>.Default.GetHashCode(item!))),
    list => list.ToList());
