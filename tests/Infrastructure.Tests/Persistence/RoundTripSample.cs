namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>
/// An instance of one entity type to write and read back, the rows it needs first (foreign keys), and the
/// properties it may leave at their default value. Every other property must hold a non-default value so
/// that its column really round-trips.
/// </summary>
internal sealed class RoundTripSample
{
    private RoundTripSample(object entity) => Entity = entity;

    public object Entity { get; }

    public IReadOnlyList<object> Prerequisites { get; private init; } = [];

    public IReadOnlySet<string> MayBeDefault { get; private init; } = new HashSet<string>();

    /// <summary>Values for shadow properties (columns without a CLR property), set through EF before saving.</summary>
    public IReadOnlyDictionary<string, object?> ShadowValues { get; private init; } = new Dictionary<string, object?>();

    public static RoundTripSample Of(object entity) => new(entity);

    /// <summary>Rows saved with the sample because it references them.</summary>
    public RoundTripSample After(params object[] prerequisites) =>
        new(Entity) { Prerequisites = [.. Prerequisites, .. prerequisites], MayBeDefault = MayBeDefault, ShadowValues = ShadowValues };

    /// <summary>Properties the domain gives no way to set yet; say why at the call site.</summary>
    public RoundTripSample AllowDefault(params string[] propertyNames) =>
        new(Entity) { Prerequisites = Prerequisites, MayBeDefault = new HashSet<string>([.. MayBeDefault, .. propertyNames]), ShadowValues = ShadowValues };

    /// <summary>Sets a shadow property, which no domain method can reach.</summary>
    public RoundTripSample WithShadow(string propertyName, object? value) =>
        new(Entity)
        {
            Prerequisites = Prerequisites,
            MayBeDefault = MayBeDefault,
            ShadowValues = new Dictionary<string, object?>(ShadowValues) { [propertyName] = value },
        };
}
