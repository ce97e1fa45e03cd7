namespace RunnerTokens.Domain.Audit;

/// <summary>How audit and security event times are kept.</summary>
public static class AuditTime
{
    /// <summary>
    /// UTC, truncated to whole milliseconds: SQLite (ticks / 1000), PostgreSQL (microseconds) and SQL Server
    /// (100 ns) all store that exactly, so a value read back equals the value written on every provider.
    /// </summary>
    public static DateTimeOffset Normalize(DateTimeOffset time)
    {
        var utcTicks = time.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
