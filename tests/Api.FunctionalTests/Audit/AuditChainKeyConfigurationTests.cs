using System.Security.Cryptography;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Audit;

/// <summary>Outside Development and tests the service refuses to start without a usable chain key, naming the setting.</summary>
public sealed class AuditChainKeyConfigurationTests
{
    private static readonly Dictionary<string, string?> ProductionBasics = new()
    {
        ["GitHub:AllowSimulatorInProduction"] = "true",
    };

    [TestCase(null, "Audit:ChainKey")]
    [TestCase("c2hvcnQ=", "at least 32")]
    [TestCase("not base64 at all!", "not base64")]
    public void Production_refuses_to_start_without_a_usable_chain_key(string? key, string named)
    {
        var settings = new Dictionary<string, string?>(ProductionBasics) { ["Audit:ChainKey"] = key };
        using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions { Environment = "Production", Settings = settings });

        var failure = Should.Throw<Exception>(() => factory.Server);

        failure.ToString().ShouldContain(named);
    }

    [Test]
    public void A_key_file_that_cannot_be_read_is_named()
    {
        var settings = new Dictionary<string, string?>(ProductionBasics) { ["Audit:ChainKeyPath"] = "/nonexistent/audit-chain.key" };
        using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions { Environment = "Production", Settings = settings });

        Should.Throw<Exception>(() => factory.Server).ToString().ShouldContain("Audit:ChainKeyPath");
    }

    [Test]
    public async Task A_key_file_and_retired_keys_are_accepted()
    {
        var path = Path.Combine(Path.GetTempPath(), $"audit-chain-{Guid.NewGuid():N}.key");
        await File.WriteAllTextAsync(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        try
        {
            await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
            {
                Settings = new Dictionary<string, string?>
                {
                    ["Audit:ChainKeyPath"] = path,
                    ["Audit:ChainKeyId"] = "k2",
                    ["Audit:ChainKeys:0:Id"] = "k1",
                    ["Audit:ChainKeys:0:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
                },
            });

            var ring = (Domain.Audit.AuditChainKeyRing)factory.Services.GetService(typeof(Domain.Audit.AuditChainKeyRing))!;

            ring.Current.Id.ShouldBe("k2");
            ring.KeyIds.ShouldBe(["k2", "k1"], ignoreOrder: true);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
