using Microsoft.Extensions.Options;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

public sealed class GitHubWebUrlsTests
{
    [TestCase("https://api.github.com", "https://github.com/")]
    [TestCase("https://api.github.com/", "https://github.com/")]
    [TestCase("https://ghes.example.com/api/v3", "https://ghes.example.com/")]
    [TestCase("https://ghes.example.com/api/v3/", "https://ghes.example.com/")]
    [TestCase("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    public void Web_addresses_follow_the_api_base(string apiBaseUrl, string webRoot)
    {
        var urls = new GitHubWebUrls(Options.Create(new GitHubOptions { ApiBaseUrl = apiBaseUrl }));

        Assert.Multiple(() =>
        {
            Assert.That(urls.OrganizationUrl("acme").AbsoluteUri, Is.EqualTo(webRoot + "acme"));
            Assert.That(urls.JobUrl("acme/app", 5, 7).AbsoluteUri, Is.EqualTo(webRoot + "acme/app/actions/runs/5/job/7"));
        });
    }

    [Test]
    public void Repository_segments_are_escaped_but_keep_their_separator()
    {
        var urls = new GitHubWebUrls(Options.Create(new GitHubOptions()));

        Assert.That(urls.JobUrl("acme/a b", 1, 2).AbsoluteUri, Is.EqualTo("https://github.com/acme/a%20b/actions/runs/1/job/2"));
    }
}
