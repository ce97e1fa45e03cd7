using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.GitHub.Auth;
using RunnerTokens.Infrastructure.GitHub.Options;
using RunnerTokens.Infrastructure.Tests.GitHub.Support;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

public sealed class GitHubAppJwtSignerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _time = null!;
    private GitHubAppCredentials _credentials = null!;
    private GitHubAppJwtSigner _signer = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(Start);
        var options = Options.Create(new GitHubOptions { Mode = GitHubMode.GitHub, AppId = "12345", PrivateKey = TestKeys.PrivatePem });
        _credentials = new GitHubAppCredentials(options, new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory });
        _signer = new GitHubAppJwtSigner(_credentials, _time);
    }

    [TearDown]
    public void TearDown() => _credentials.Dispose();

    [Test]
    public async Task The_signature_verifies_with_the_Apps_public_key()
    {
        var jwt = _signer.GetToken();

        var publicKey = new RsaSecurityKey(System.Security.Cryptography.RSA.Create());
        publicKey.Rsa.ImportFromPem(TestKeys.PublicPem);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = publicKey,
            ValidIssuer = "12345",
            ValidateAudience = false,
            ValidateLifetime = false,
        });

        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        new JsonWebToken(jwt).Alg.ShouldBe("RS256");
    }

    [Test]
    public async Task A_signature_from_another_key_does_not_verify()
    {
        var jwt = _signer.GetToken();

        using var other = System.Security.Cryptography.RSA.Create(2048);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(other.ExportParameters(false)),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        });

        result.IsValid.ShouldBeFalse();
    }

    [Test]
    public void Claims_are_iat_60_s_ago_exp_at_most_10_minutes_ahead_iss_and_a_random_jti()
    {
        var token = new JsonWebToken(_signer.GetToken());

        token.GetPayloadValue<long>("iat").ShouldBe(Start.AddSeconds(-60).ToUnixTimeSeconds());
        var exp = token.GetPayloadValue<long>("exp");
        exp.ShouldBe(Start.AddSeconds(-60).AddMinutes(10).ToUnixTimeSeconds());
        (exp - Start.ToUnixTimeSeconds()).ShouldBeLessThanOrEqualTo(600);
        token.Issuer.ShouldBe("12345");
        token.Id.ShouldNotBeNullOrWhiteSpace();
        token.TryGetPayloadValue<long>("nbf", out _).ShouldBeFalse("GitHub does not need nbf, and it would come from the wall clock");
    }

    [Test]
    public void The_token_is_reused_while_comfortably_valid_and_replaced_after()
    {
        var first = _signer.GetToken();

        _time.Advance(TimeSpan.FromMinutes(6));
        _signer.GetToken().ShouldBe(first, "seven minutes of the nine remain");

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var second = _signer.GetToken();
        second.ShouldNotBe(first);
        new JsonWebToken(second).Id.ShouldNotBe(new JsonWebToken(first).Id);
        new JsonWebToken(second).GetPayloadValue<long>("iat").ShouldBe(_time.GetUtcNow().AddSeconds(-60).ToUnixTimeSeconds());
    }

    [Test]
    public void An_invalidated_token_is_replaced_at_once()
    {
        var first = _signer.GetToken();

        _signer.Invalidate(first);

        _signer.GetToken().ShouldNotBe(first);
    }
}
