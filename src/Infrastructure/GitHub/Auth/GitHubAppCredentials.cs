using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.GitHub.Auth;

/// <summary>
/// The App id and private key. In Simulator mode without a configured key an ephemeral key is generated
/// (the simulator does not check signatures). The key never leaves this object except to sign.
/// </summary>
internal sealed class GitHubAppCredentials : IDisposable
{
    private readonly Lazy<RSA> _key;

    public GitHubAppCredentials(IOptions<GitHubOptions> options, IHostEnvironment environment)
    {
        var value = options.Value;
        AppId = string.IsNullOrWhiteSpace(value.AppId) ? "0" : value.AppId.Trim();
        _key = new Lazy<RSA>(() => Load(value, environment.ContentRootPath), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The JWT issuer (App id or client id).</summary>
    public string AppId { get; }

    public RSA Key => _key.Value;

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    private static RSA Load(GitHubOptions options, string contentRootPath)
    {
        if (options.EffectiveMode == GitHubMode.Simulator && !GitHubPrivateKey.IsConfigured(options))
        {
            return RSA.Create(2048);
        }

        // Start-up validation already reported a bad key by name; this only guards direct use.
        return GitHubPrivateKey.TryLoad(options, contentRootPath, out var error)
            ?? throw new InvalidOperationException(error);
    }
}
