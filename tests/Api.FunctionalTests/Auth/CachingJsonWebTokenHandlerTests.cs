using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using RunnerTokens.Api.Auth;

namespace RunnerTokens.Api.FunctionalTests.Auth;

/// <summary>
/// The validation cache on its own, with real RS256 tokens and the parameters JwtBearer passes (a fresh clone of the
/// scheme's parameters per call, the issuer configuration through a configuration manager). A hit is recognised by the
/// very same result (and ClaimsIdentity) coming back: a full validation builds new ones. Full validation checks the
/// lifetime on the system clock (IdentityModel's clock is internal), the cache on the <see cref="FakeTimeProvider"/>;
/// tokens are minted at the fake clock's start, which is the real time.
/// </summary>
public sealed class CachingJsonWebTokenHandlerTests
{
    private const string Issuer = "https://issuer.test/";
    private const string Audience = "runnertokens-api";
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);
    private static readonly RsaSecurityKey Key = NewKey("key-1");
    private static readonly RsaSecurityKey OtherKey = NewKey("key-2");

    private FakeTimeProvider _clock = null!;
    private OpenIdConnectConfiguration _configuration = null!;
    private TestConfigurationManager _manager = null!;
    private TokenValidationParameters _parameters = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _configuration = ConfigurationWith(Key);

        // As after the first token validated against the fetched configuration (the handler sets it then).
        _manager = new TestConfigurationManager(_configuration) { LastKnownGoodConfiguration = _configuration };
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            NameClaimType = "name",
            RoleClaimType = "roles",
            ConfigurationManager = _manager,
        };
    }

    [Test]
    public async Task A_valid_token_is_validated_once_then_served_from_the_cache()
    {
        var handler = Handler();
        var token = Token();
        var first = await handler.ValidateTokenAsync(token, Parameters());

        // The same configuration object, emptied: a full validation would now fail (checked below).
        _configuration.SigningKeys.Clear();
        var second = await handler.ValidateTokenAsync(token, Parameters());

        first.IsValid.ShouldBeTrue();
        second.ShouldBeSameAs(first);
        second.ClaimsIdentity.ShouldBeSameAs(first.ClaimsIdentity);
        handler.Count.ShouldBe(1);
        (await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeFalse();
    }

    [Test]
    public async Task Claim_names_stay_as_issued()
    {
        var result = await Handler().ValidateTokenAsync(Token("alice"), Parameters());

        result.ClaimsIdentity.FindFirst("sub")?.Value.ShouldBe("alice");
        result.ClaimsIdentity.FindFirst(ClaimTypes.NameIdentifier).ShouldBeNull();
        result.ClaimsIdentity.Name.ShouldBe("Alice");
    }

    [Test]
    public async Task An_entry_ends_at_the_tokens_exp_without_the_clock_skew()
    {
        var handler = Handler();
        var token = Token(lifetime: TimeSpan.FromSeconds(30));
        var exp = Exp(token);
        var first = await handler.ValidateTokenAsync(token, Parameters());

        _clock.SetUtcNow(exp.AddSeconds(-1));
        var beforeExp = await handler.ValidateTokenAsync(token, Parameters());
        _clock.SetUtcNow(exp);
        var atExp = await handler.ValidateTokenAsync(token, Parameters());

        beforeExp.ShouldBeSameAs(first);
        atExp.ShouldNotBeSameAs(first, "validated in full again (and accepted: the system clock is still before exp + skew)");
        atExp.IsValid.ShouldBeTrue();
    }

    [Test]
    public async Task A_cached_token_whose_lifetime_is_over_is_refused()
    {
        // Lifetime checked on the fake clock too, as in production where validation and cache read the same clock.
        _parameters.LifetimeValidator = (_, expires, _, _) => expires > _clock.GetUtcNow().UtcDateTime;
        var handler = Handler();
        var token = Token(lifetime: TimeSpan.FromSeconds(30));
        (await handler.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();

        _clock.SetUtcNow(Exp(token).AddSeconds(1));
        var result = await handler.ValidateTokenAsync(token, Parameters());

        result.IsValid.ShouldBeFalse();
        result.Exception.ShouldBeOfType<SecurityTokenInvalidLifetimeException>();
        handler.Count.ShouldBe(0);
    }

    [Test]
    public async Task An_entry_ends_after_the_maximum_age_even_if_the_token_lives_longer()
    {
        var handler = Handler();
        var token = Token(lifetime: TimeSpan.FromMinutes(10));
        var first = await handler.ValidateTokenAsync(token, Parameters());

        _clock.Advance(MaxAge - TimeSpan.FromSeconds(1));
        var young = await handler.ValidateTokenAsync(token, Parameters());
        _clock.Advance(TimeSpan.FromSeconds(1));
        var old = await handler.ValidateTokenAsync(token, Parameters());
        var again = await handler.ValidateTokenAsync(token, Parameters());

        young.ShouldBeSameAs(first);
        old.ShouldNotBeSameAs(first);
        old.IsValid.ShouldBeTrue();
        again.ShouldBeSameAs(old, "the new full validation is cached in turn");
    }

    [Test]
    public async Task A_refreshed_configuration_is_a_miss_even_with_the_same_keys()
    {
        var handler = Handler();
        var token = Token();
        var first = await handler.ValidateTokenAsync(token, Parameters());

        _manager.Current = ConfigurationWith(Key);
        var second = await handler.ValidateTokenAsync(token, Parameters());

        second.IsValid.ShouldBeTrue();
        second.ShouldNotBeSameAs(first);
    }

    [Test]
    public async Task After_a_key_rotation_a_cached_token_of_the_removed_key_is_refused()
    {
        _manager.UseLastKnownGoodConfiguration = false;
        var handler = Handler();
        var token = Token();
        (await handler.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();

        _manager.Current = ConfigurationWith(OtherKey);
        var result = await handler.ValidateTokenAsync(token, Parameters());

        result.IsValid.ShouldBeFalse();
        result.Exception.ShouldBeAssignableTo<SecurityTokenSignatureKeyNotFoundException>();
        handler.Count.ShouldBe(0);
    }

    [Test]
    public async Task A_token_accepted_only_through_the_last_known_good_configuration_is_not_cached()
    {
        var handler = Handler();
        var token = Token();
        (await handler.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();

        // IdentityModel still accepts the removed key for a while (the last known good configuration had it).
        _manager.Current = ConfigurationWith(OtherKey);
        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        first.IsValid.ShouldBeTrue();
        second.IsValid.ShouldBeTrue();
        second.ShouldNotBeSameAs(first);
        handler.Count.ShouldBe(0);
    }

    [Test]
    public async Task With_static_keys_an_entry_needs_the_same_key_objects()
    {
        _parameters.ConfigurationManager = null;
        _parameters.ValidIssuer = Issuer;
        _parameters.IssuerSigningKeys = [Key];
        var handler = Handler();
        var token = Token();
        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        _parameters.IssuerSigningKeys = [OtherKey];
        var third = await handler.ValidateTokenAsync(token, Parameters());

        first.IsValid.ShouldBeTrue();
        second.ShouldBeSameAs(first, "each clone copies the keys into a new list: the keys are the same objects");
        third.IsValid.ShouldBeFalse();
    }

    [Test]
    public async Task A_refused_token_is_never_cached()
    {
        var handler = Handler();
        var forged = Token(signingKey: new RsaSecurityKey(RSA.Create(2048)) { KeyId = Key.KeyId });

        var first = await handler.ValidateTokenAsync(forged, Parameters());
        var second = await handler.ValidateTokenAsync(forged, Parameters());

        first.IsValid.ShouldBeFalse();
        second.IsValid.ShouldBeFalse();
        second.ShouldNotBeSameAs(first);
        second.Exception.ShouldBeAssignableTo<SecurityTokenInvalidSignatureException>();
        handler.Count.ShouldBe(0);
    }

    [Test]
    public async Task The_cache_holds_at_most_its_size_and_makes_room_once_entries_expire()
    {
        var handler = Handler(size: 2);
        await handler.ValidateTokenAsync(Token("alice"), Parameters());
        await handler.ValidateTokenAsync(Token("bob"), Parameters());
        var carol = Token("carol");

        var full1 = await handler.ValidateTokenAsync(carol, Parameters());
        var full2 = await handler.ValidateTokenAsync(carol, Parameters());
        handler.Count.ShouldBe(2);
        full2.IsValid.ShouldBeTrue();
        full2.ShouldNotBeSameAs(full1, "not cached while full");

        _clock.Advance(MaxAge);
        var stored = await handler.ValidateTokenAsync(carol, Parameters());
        var hit = await handler.ValidateTokenAsync(carol, Parameters());

        hit.ShouldBeSameAs(stored);
        handler.Count.ShouldBe(1);
    }

    [TestCase(0, 100)]
    [TestCase(60, 0)]
    public async Task Zero_turns_the_cache_off(int seconds, int size)
    {
        var handler = Handler(TimeSpan.FromSeconds(seconds), size);
        var token = Token();

        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        second.IsValid.ShouldBeTrue();
        second.ShouldNotBeSameAs(first);
        handler.Count.ShouldBe(0);
    }

    [Test]
    public async Task Nothing_is_cached_before_a_token_was_validated_against_a_fetched_configuration()
    {
        _manager = new TestConfigurationManager(_configuration);
        _parameters.ConfigurationManager = _manager;
        var handler = Handler();
        var token = Token();

        await handler.ValidateTokenAsync(token, Parameters());
        handler.Count.ShouldBe(0);
        _manager.LastKnownGoodConfiguration.ShouldBeSameAs(_configuration, "set by the full validation");

        var second = await handler.ValidateTokenAsync(token, Parameters());
        var third = await handler.ValidateTokenAsync(token, Parameters());
        third.ShouldBeSameAs(second);
    }

    [Test]
    public async Task Parameters_with_a_replay_check_bypass_the_cache()
    {
        var checks = 0;
        _parameters.TokenReplayValidator = (_, _, _) => Interlocked.Increment(ref checks) > 0;
        var handler = Handler();
        var token = Token();

        await handler.ValidateTokenAsync(token, Parameters());
        await handler.ValidateTokenAsync(token, Parameters());

        checks.ShouldBe(2);
        handler.Count.ShouldBe(0);
    }

    private CachingJsonWebTokenHandler Handler(TimeSpan? maxAge = null, int size = 100) =>
        new(_clock, maxAge ?? MaxAge, size) { MapInboundClaims = false };

    /// <summary>What JwtBearer passes on each request: a clone of the scheme's parameters.</summary>
    private TokenValidationParameters Parameters() => _parameters.Clone();

    private string Token(string subject = "alice", TimeSpan? lifetime = null, SecurityKey? signingKey = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = "Alice" },
            SigningCredentials = new SigningCredentials(signingKey ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static DateTimeOffset Exp(string token) => new(new JsonWebToken(token).ValidTo, TimeSpan.Zero);

    private static OpenIdConnectConfiguration ConfigurationWith(SecurityKey key)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(key);
        return configuration;
    }

    private static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    /// <summary>Hands out <see cref="Current"/>, like a configuration manager between two refreshes.</summary>
    private sealed class TestConfigurationManager(BaseConfiguration current) : BaseConfigurationManager
    {
        public BaseConfiguration Current { get; set; } = current;

        public override Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) => Task.FromResult(Current);

        public override void RequestRefresh()
        {
        }
    }
}
