using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Hosting;

/// <summary>
/// Issue 15, problem 8: the start-up banner says where the API and its docs are and how it is set up, warns
/// about a simulator outside Development, simulator calls are logged as the simulator's, and anonymous
/// requests log nothing at Information. The service's own logging configuration applies (appsettings.json).
/// </summary>
public sealed class StartupLoggingTests : FunctionalTestBase
{
    private readonly CapturingLoggerProvider _logs = new();

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_logs),
    };

    [Test]
    public async Task The_start_up_line_names_the_docs_github_mode_database_and_issuers_and_warns_about_the_simulator()
    {
        (await Anonymous().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var started = _logs.Entries.Where(e => e.Category == "RunnerTokens.Startup" && e.EventId == 1).ShouldHaveSingleItem();
        started.Level.ShouldBe(LogLevel.Information);
        started.Message.ShouldContain("/docs");
        started.Message.ShouldContain("GitHub mode Simulator");
        started.Message.ShouldContain($"database {Factory.EffectiveSettings["Database:Provider"]}");
        foreach (var issuer in Issuers.Trusted)
        {
            started.Message.ShouldContain(issuer.Name);
        }

        var simulator = _logs.Entries.Where(e => e.Category == "RunnerTokens.Startup" && e.EventId == 3).ShouldHaveSingleItem();
        simulator.Level.ShouldBe(LogLevel.Warning);
        simulator.Message.ShouldContain("Testing");
        _logs.Entries.ShouldNotContain(e => e.Category == "RunnerTokens.Startup" && e.EventId == 2, "issuers are configured");
    }

    [Test]
    public async Task Simulator_calls_are_logged_as_the_simulators_never_as_api_github_com()
    {
        var team = await Factory.SeedTeamAsync(Unique("sim"), policy: new LabelPolicySettings([], ["x-.*"], [], null, null, false, false));
        var member = await Factory.SeedUserAsync(Unique("member"));
        await Factory.AddMemberAsync(team, member);

        var response = await ClientFor(member).PostAsJsonAsync("/api/v1/runners/jit", new { team = team.Name, name = Unique("r"), labels = new[] { "x-1" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        _logs.Entries.ShouldContain(e => e.Category.StartsWith("RunnerTokens.GitHub.Simulator", StringComparison.Ordinal)
            && e.Message.StartsWith("GitHub simulator: POST /orgs/acme/actions/runners/generate-jitconfig answered 201", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("api.github.com", StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    public void Outgoing_http_calls_log_only_warnings_so_a_request_stays_one_information_line()
    {
        // IHttpClientFactory logs four Information lines per call (start, sending, received, end): against GitHub
        // that was four more JSON lines per JIT request than the one request line (issue 10).
        var loggers = Factory.Services.GetRequiredService<ILoggerFactory>();
        foreach (var category in new[] { "System.Net.Http.HttpClient.GitHub.Api.LogicalHandler", "System.Net.Http.HttpClient.GitHub.App.ClientHandler" })
        {
            var logger = loggers.CreateLogger(category);
            logger.IsEnabled(LogLevel.Information).ShouldBeFalse(category);
            logger.IsEnabled(LogLevel.Warning).ShouldBeTrue(category);
        }
    }

    [Test]
    public async Task Anonymous_and_unreadable_token_requests_log_nothing_at_information()
    {
        (await Anonymous().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = _logs.Entries.Count;

        for (var i = 0; i < 3; i++)
        {
            (await Anonymous().GetAsync("/api/v1/teams")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await ClientWith("not-a-jwt").GetAsync("/api/v1/teams")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var logged = _logs.Entries.Skip(before)
            .Where(e => e.Level >= LogLevel.Information
                && (e.Category.StartsWith("RunnerTokens.Api", StringComparison.Ordinal) || e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)))
            .Select(e => $"{e.Category}: {e.Message}")
            .ToList();
        logged.ShouldBeEmpty();
    }
}
