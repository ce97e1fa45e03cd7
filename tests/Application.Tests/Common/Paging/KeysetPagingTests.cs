using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Tests.Common.Paging;

/// <summary><see cref="KeysetPaging"/> against SQLite: the SQL it builds, not an in-memory imitation.</summary>
public sealed class KeysetPagingTests : SqliteHandlerTestBase
{
    [Test]
    public async Task Walking_the_pages_returns_every_row_once_newest_first_even_when_times_tie()
    {
        // Three users share one timestamp, so a page boundary falls inside the tie.
        var seeded = new List<User>();
        seeded.Add(await SeedUserAsync("a"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 3; i++)
        {
            seeded.Add(await SeedUserAsync($"tie{i}"));
        }

        Clock.Advance(TimeSpan.FromMinutes(1));
        seeded.Add(await SeedUserAsync("z"));

        var expected = await WithDbAsync(db => db.Users.AsNoTracking()
            .OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id).Select(u => u.Id).ToListAsync());
        expected.Count.ShouldBe(5);
        expected[0].ShouldBe(seeded[^1].Id);
        expected[^1].ShouldBe(seeded[0].Id);

        var walked = new List<Guid>();
        var cursors = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await PageOfUsersAsync(cursor, limit: 2);
            page.IsSuccess.ShouldBeTrue();
            page.Value.Items.Count.ShouldBeLessThanOrEqualTo(2);
            walked.AddRange(page.Value.Items.Select(u => u.Id));
            cursor = page.Value.NextCursor;
            cursors.Add(cursor);
        }
        while (cursor is not null && walked.Count < 10);

        walked.ShouldBe(expected);
        cursors.Count.ShouldBe(3);
    }

    [Test]
    public async Task The_next_cursor_names_the_last_item_and_is_null_when_the_page_ends_the_listing()
    {
        for (var i = 0; i < 4; i++)
        {
            await SeedUserAsync($"u{i}");
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = (await PageOfUsersAsync(null, limit: 2)).Value;
        first.Items.Count.ShouldBe(2);
        KeysetCursor.TryDecode(first.NextCursor, out var next).ShouldBeTrue();
        next.ShouldBe(new KeysetCursor(first.Items[^1].CreatedAt, first.Items[^1].Id));

        // Exactly two rows remain: a full page, and nothing after it.
        var second = (await PageOfUsersAsync(first.NextCursor, limit: 2)).Value;
        second.Items.Count.ShouldBe(2);
        second.NextCursor.ShouldBeNull();
    }

    [Test]
    public async Task The_filter_applied_before_paging_is_kept_and_a_null_limit_means_the_default()
    {
        for (var i = 0; i < PageLimits.Default + 2; i++)
        {
            await SeedUserAsync($"u{i}", isActive: i % 10 != 0);
        }

        var all = await WithDbAsync(db => db.Users.AsNoTracking()
            .ToKeysetPageAsync(null, null, u => u.CreatedAt, u => u.Id, CancellationToken.None));
        all.Value.Items.Count.ShouldBe(PageLimits.Default);
        all.Value.NextCursor.ShouldNotBeNull();

        var inactive = await WithDbAsync(db => db.Users.AsNoTracking().Where(u => !u.IsActive)
            .ToKeysetPageAsync(null, null, u => u.CreatedAt, u => u.Id, CancellationToken.None));
        inactive.Value.Items.Count.ShouldBe(6);
        inactive.Value.Items.ShouldAllBe(u => !u.IsActive);
        inactive.Value.NextCursor.ShouldBeNull();
    }

    [TestCase("not-a-cursor")]
    [TestCase("")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public async Task A_cursor_this_service_did_not_issue_is_the_invalid_cursor_error(string cursor)
    {
        await SeedUserAsync("u");

        var page = await PageOfUsersAsync(cursor, limit: 2);

        page.IsFailure.ShouldBeTrue();
        page.Error.ShouldBe(KeysetCursor.Invalid);
    }

    [Test]
    public async Task Keys_may_be_read_through_a_join()
    {
        var older = await SeedUserAsync("older");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await SeedUserAsync("newer");

        var page = await WithDbAsync(db => db.Users.AsNoTracking()
            .Join(db.Users, u => u.Id, v => v.Id, (u, v) => new { Left = u, Right = v })
            .ToKeysetPageAsync(null, 1, r => r.Left.CreatedAt, r => r.Right.Id, CancellationToken.None));
        page.Value.Items.Single().Left.Id.ShouldBe(newer.Id);

        var rest = await WithDbAsync(db => db.Users.AsNoTracking()
            .Join(db.Users, u => u.Id, v => v.Id, (u, v) => new { Left = u, Right = v })
            .ToKeysetPageAsync(page.Value.NextCursor, 1, r => r.Left.CreatedAt, r => r.Right.Id, CancellationToken.None));
        rest.Value.Items.Single().Left.Id.ShouldBe(older.Id);
        rest.Value.NextCursor.ShouldBeNull();
    }

    [Test]
    public async Task ToPageAsync_keeps_the_callers_order_and_cursor()
    {
        var a = await SeedUserAsync("a");
        var b = await SeedUserAsync("b");
        await SeedUserAsync("c");

        var page = await WithDbAsync(db => db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .ToPageAsync(2, u => new KeysetCursor(u.UpdatedAt, u.Id), CancellationToken.None));

        page.Items.Select(u => u.Id).ShouldBe([a.Id, b.Id]);
        page.NextCursor.ShouldBe(new KeysetCursor(b.UpdatedAt, b.Id).Encode());
    }

    [Test]
    public void Map_converts_items_and_keeps_the_cursor()
    {
        var page = new Page<int>([1, 2], "next");

        var mapped = page.Map(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        mapped.Items.ShouldBe(["1", "2"]);
        mapped.NextCursor.ShouldBe("next");
    }

    private Task<Domain.Common.Result<Page<User>>> PageOfUsersAsync(string? cursor, int limit) =>
        WithDbAsync(db => db.Users.AsNoTracking()
            .ToKeysetPageAsync(cursor, limit, u => u.CreatedAt, u => u.Id, CancellationToken.None));
}
