namespace RunnerTokens.Application.Teams.PatchLabelPolicy;

/// <summary>One field of a merge patch: absent (the default, keep the current value) or set to a value, which may be null.</summary>
public readonly record struct PatchedValue<T>(T Value)
{
    public bool IsSet { get; } = true;

    public T Or(T current) => IsSet ? Value : current;
}
