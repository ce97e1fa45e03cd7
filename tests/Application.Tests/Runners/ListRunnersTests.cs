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
}
