using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Runners.ListRunners;
using RunnerTokens.Application.Tests.Teams;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Runners;

public sealed class ListRunnersTests : TeamsTestBase
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddRunnerStore();

    [Test]
    public async Task Listing_pages_newest_first_without_gaps_or_repeats()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        for (var i = 0; i < 7; i++)
        {
            await ProvisionAsync($"ci-{i}");
            if (i % 2 == 0)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var seen = new List<RunnerTokens.Application.Runners.Common.RunnerDto>();
        string? cursor = null;
        do
        {
            var page = (await SendAsync(new ListRunnersQuery(Team: TeamA, Cursor: cursor, Limit: 3))).Value;
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        // Runners made within one tick share a timestamp; the id breaks the tie, so only time order is fixed.
        seen.Select(r => r.Name).ShouldBe(Enumerable.Range(0, 7).Select(i => $"ci-{i}"), ignoreOrder: true);
        seen.Select(r => r.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
        seen[^1].Name.ShouldBe("ci-0");
    }

    [Test]
    public async Task The_compiled_and_the_general_query_page_the_same_runners_in_the_same_order()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        for (var i = 0; i < 7; i++)
        {
            await ProvisionAsync($"ci-{i}");
            if (i % 3 == 0)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        // One team and no other filter: the compiled query. A kind filter (every runner here is JIT) or no team
        // (the caller's teams, names read in the statement): the query built per request.
        var compiled = await AllPagesAsync(new ListRunnersQuery(Team: TeamA, Limit: 2));
        var filtered = await AllPagesAsync(new ListRunnersQuery(Team: TeamA, Kind: RunnerTokens.Domain.Runners.RunnerKind.Jit, Limit: 2));
        var allTeams = await AllPagesAsync(new ListRunnersQuery(Limit: 2));

        compiled.Count.ShouldBe(7);
        Describe(filtered).ShouldBe(Describe(compiled));
        Describe(allTeams).ShouldBe(Describe(compiled));
        compiled.ShouldAllBe(r => r.Team == TeamA && r.Labels.Count > 0);
    }

    private static List<string> Describe(IEnumerable<RunnerTokens.Application.Runners.Common.RunnerDto> runners) =>
        [.. runners.Select(r => $"{r.Id} {r.Name} {r.Team} {r.CreatedAt:O} {string.Join(',', r.Labels)} {r.ProvisionedByKind}")];

    private async Task<List<RunnerTokens.Application.Runners.Common.RunnerDto>> AllPagesAsync(ListRunnersQuery first)
    {
        var seen = new List<RunnerTokens.Application.Runners.Common.RunnerDto>();
        var query = first;
        while (true)
        {
            var page = (await SendAsync(query)).Value;
            seen.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return seen;
            }

            query = query with { Cursor = page.NextCursor };
        }
    }
}
