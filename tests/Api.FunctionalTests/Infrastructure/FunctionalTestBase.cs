namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>
/// Base for functional test fixtures: one <see cref="RunnerTokensApiFactory"/> (one API, one fresh database)
/// per fixture, shared by its tests, so tests use <see cref="Unique"/> names. Override
/// <see cref="FactoryOptions"/> for configuration (auto-provisioning, bootstrap admins, fakes).
/// </summary>
public abstract class FunctionalTestBase
{
    protected RunnerTokensApiFactory Factory { get; private set; } = null!;

    protected static TestIssuerServer Issuers => TestIssuerServer.Shared;

    protected virtual ApiFactoryOptions FactoryOptions => new();

    [OneTimeSetUp]
    public void StartApi()
    {
        Factory = new RunnerTokensApiFactory(FactoryOptions);
        _ = Factory.Server; // start now: migrations run here, not inside the first test
    }

    [OneTimeTearDown]
    public async Task StopApi() => await Factory.DisposeAsync();

    /// <summary>A client without credentials.</summary>
    protected HttpClient Anonymous() => Factory.CreateClient();

    /// <summary>A client with a fresh token of this seeded user.</summary>
    protected HttpClient ClientFor(SeededUser user) => Factory.ClientFor(user);

    /// <summary>A client with this exact bearer token.</summary>
    protected HttpClient ClientWith(string token) => Factory.CreateClient(token);

    /// <summary>A unique lowercase slug such as <c>alice-3f9a1c2b</c> (valid as a user subject or team name).</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
