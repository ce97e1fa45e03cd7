using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Tests.Common;

public sealed class PrincipalCacheTests
{
    private static readonly CallerPrincipal Alice = new(PrincipalKind.User, Guid.NewGuid(), "Alice", IsAdmin: false,
        [new TeamAccess(Guid.NewGuid(), "ci", TeamAccessLevel.Member)]);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public void A_stored_user_is_served_until_its_lifetime_ends()
    {
        var cache = new PrincipalCache(_clock);
        var key = PrincipalCache.KeyFor("Bearer token-a")!;

        cache.Store(key, Alice, cache.Generation);
        _clock.Advance(PrincipalCache.Lifetime - TimeSpan.FromMilliseconds(1));
        cache.TryGet(key, out var cached).ShouldBeTrue();
        cached.ShouldBe(Alice);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        cache.TryGet(key, out _).ShouldBeFalse("a change on another replica must show within the lifetime");
    }

    [Test]
    public void Invalidate_drops_every_entry_at_once()
    {
        var cache = new PrincipalCache(_clock);
        var key = PrincipalCache.KeyFor("Bearer token-a")!;
        cache.Store(key, Alice, cache.Generation);

        cache.Invalidate();

        cache.TryGet(key, out _).ShouldBeFalse();
    }

    [Test]
    public void A_resolution_that_raced_with_an_invalidation_is_not_kept()
    {
        var cache = new PrincipalCache(_clock);
        var key = PrincipalCache.KeyFor("Bearer token-a")!;
        var generation = cache.Generation; // resolution starts, reads the old state ...
        cache.Invalidate();                // ... a change commits meanwhile

        cache.Store(key, Alice, generation);

        cache.TryGet(key, out _).ShouldBeFalse();
    }

    [Test]
    public void Machine_principals_are_never_cached()
    {
        var cache = new PrincipalCache(_clock);
        var key = PrincipalCache.KeyFor("Bearer machine-token")!;

        cache.Store(key, Alice with { Kind = PrincipalKind.Machine }, cache.Generation);

        cache.TryGet(key, out _).ShouldBeFalse();
    }

    [Test]
    public void Keys_differ_per_token_and_never_contain_it()
    {
        var a = PrincipalCache.KeyFor("Bearer token-a")!;
        var b = PrincipalCache.KeyFor("Bearer token-b")!;

        a.ShouldNotBe(b);
        a.ShouldNotContain("token-a");
        PrincipalCache.KeyFor("Bearer " + new string('x', 1000)).ShouldNotBeNull();
        PrincipalCache.KeyFor(null).ShouldBeNull();
        PrincipalCache.KeyFor(string.Empty).ShouldBeNull();
    }

    [Test]
    public void A_real_sized_token_is_keyed_without_copying_it()
    {
        var header = "Bearer " + new string('x', 900);
        PrincipalCache.KeyFor(header);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var key = PrincipalCache.KeyFor(header);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        key.ShouldNotBe(PrincipalCache.KeyFor(header + "y"));
        allocated.ShouldBeLessThan(200, "only the 44-character key; a UTF-8 copy of the token would be over 900 bytes");
    }
}
