using Microsoft.Extensions.DependencyInjection;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>How a <see cref="RunnerTokensApiFactory"/> differs from the defaults.</summary>
public sealed record ApiFactoryOptions
{
    /// <summary>Configuration overrides, e.g. <c>["Authentication:AutoProvisionUsers"] = "true"</c>; win over the defaults.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Hosting environment; <c>Testing</c> unless a test needs Development-only behaviour.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>Replace services after the app registered its own (fakes for ports, a FakeTimeProvider ...).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>
    /// Run on PostgreSQL: a server connection string (its database is only used to create and drop a
    /// throwaway database per factory). Null: SQLite.
    /// </summary>
    public string? PostgreSqlConnectionString { get; init; }

    /// <summary>The connection string in <c>RUNNERTOKENS_TEST_POSTGRES</c>, if set.</summary>
    public static string? PostgreSqlFromEnvironment =>
        System.Environment.GetEnvironmentVariable("RUNNERTOKENS_TEST_POSTGRES") is { Length: > 0 } value ? value : null;
}
