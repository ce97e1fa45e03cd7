namespace RunnerTokens.Infrastructure.Coordination;

/// <summary>One row per lease name: who holds it and until when.</summary>
internal sealed class LeaseRecord
{
    public string Name { get; set; } = string.Empty;
    public string Holder { get; set; } = string.Empty;
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset AcquiredAt { get; set; }
}
