using Microsoft.Extensions.Configuration;
using RunnerTokens.Infrastructure.Teams;

namespace RunnerTokens.Infrastructure.Tests.Teams;

public sealed class ConfigurationOrganizationCatalogTests
{
    [Test]
    public void Reads_the_names_of_GitHub_Organizations()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["GitHub:Organizations:0:Name"] = "Acme",
                ["GitHub:Organizations:0:InstallationId"] = "12",
                ["GitHub:Organizations:1:Name"] = " globex ",
                ["GitHub:Organizations:2:Name"] = "ACME",
                ["GitHub:Organizations:3:InstallationId"] = "13",
            })
            .Build();

        new ConfigurationOrganizationCatalog(configuration).ConfiguredOrganizations.ShouldBe(["Acme", "globex"]);
    }

    [Test]
    public void Nothing_configured_is_an_empty_list()
    {
        var configuration = new ConfigurationBuilder().Build();

        new ConfigurationOrganizationCatalog(configuration).ConfiguredOrganizations.ShouldBeEmpty();
    }
}
