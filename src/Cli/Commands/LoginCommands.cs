using System.CommandLine;
using RunnerTokens.Cli.Auth;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Commands;

/// <summary><c>login</c>, <c>logout</c>, <c>whoami</c>.</summary>
public static class LoginCommands
{
    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        var issuer = new Option<string?>("--issuer") { Description = "The OpenID issuer the service trusts (discovery at ISSUER/.well-known/openid-configuration)." };
        var clientId = new Option<string?>("--client-id") { Description = "The OAuth client id." };
        var clientSecret = new Option<string?>("--client-secret")
        {
            Description = "Client credentials: the client secret (better: RUNNERTOKENS_CLIENT_SECRET, which stays out of the shell history).",
        };
        var scope = new Option<string?>("--scope") { Description = "Scopes to request (space-separated), e.g. the service's API scope." };
        var device = new Option<bool>("--device") { Description = "Sign in as a person: approve a code in a browser (OIDC device flow)." };
        var login = new Command("login", "Sign in and remember the service URL and token (in ~/.config/runnertokens/token.json, mode 0600).")
        {
            issuer, clientId, clientSecret, scope, device,
        }.Runs(environment, async (cli, ct) =>
        {
            var url = cli.Parse.GetValue(GlobalOptions.Url) ?? cli.Environment.Variable("RUNNERTOKENS_URL") ?? cli.Cache.Load()?.Url;
            var given = cli.Parse.GetValue(GlobalOptions.Token) ?? cli.Environment.Variable("RUNNERTOKENS_TOKEN");
            CachedToken cached;
            if (given is not null && cli.Value(issuer) is null)
            {
                cached = new CachedToken { Url = url, AccessToken = given }; // a token obtained elsewhere
            }
            else
            {
                var issuerUrl = cli.Value(issuer) ?? throw new CliUsageException("login needs --issuer and --client-id (or --token with a token obtained elsewhere).");
                var client = cli.Value(clientId) ?? throw new CliUsageException("login needs --client-id.");
                var secret = cli.Value(clientSecret) ?? cli.Environment.Variable("RUNNERTOKENS_CLIENT_SECRET");
                if (secret is null && !cli.Value(device))
                {
                    throw new CliUsageException("Give --client-secret (or RUNNERTOKENS_CLIENT_SECRET) for client credentials, or --device to sign in as a person.");
                }

                using var http = cli.IssuerHttp();
                var oidc = new OidcClient(http, TimeProvider.System);
                var endpoints = await oidc.DiscoverAsync(issuerUrl, ct);
                var tokens = cli.Value(device)
                    ? await oidc.DeviceCodeAsync(endpoints, client, cli.Value(scope), code => cli.Output.Error.WriteLine(
                        $"To sign in, open {code.VerificationUriComplete ?? code.VerificationUri} and enter the code {code.UserCode}. Waiting..."), ct)
                    : await oidc.ClientCredentialsAsync(endpoints.Token, client, secret!, cli.Value(scope), ct);
                cached = new CachedToken
                {
                    Url = url,
                    Issuer = issuerUrl,
                    ClientId = client,
                    TokenEndpoint = endpoints.Token,
                    AccessToken = tokens.AccessToken,
                    RefreshToken = tokens.RefreshToken,
                    ExpiresAt = tokens.ExpiresIn is { } seconds ? TimeProvider.System.GetUtcNow().AddSeconds(seconds) : null,
                };
            }

            cli.Cache.Save(cached);
            if (url is null)
            {
                cli.Output.Done($"Signed in; token saved to {cli.Cache.Path}. Give the service URL with --url or RUNNERTOKENS_URL.", new { signedIn = true });
                return ExitCodes.Success;
            }

            var me = await cli.Client.GetCurrentPrincipalAsync(ct);
            cli.Output.Done($"Signed in to {url} as {me.DisplayName} ({CliJson.Wire(me.Kind)}{(me.IsAdmin ? ", administrator" : "")}).", me);
            return ExitCodes.Success;
        });

        var logout = new Command("logout", "Forget the saved token.").Runs(environment, (cli, _) =>
        {
            var removed = cli.Cache.Delete();
            cli.Output.Done(removed ? "Signed out." : "Not signed in.", new { signedOut = removed });
            return Task.FromResult(ExitCodes.Success);
        });

        var whoami = new Command("whoami", "Who the service sees: kind, name, administrator, teams and roles.").Runs(environment, async (cli, ct) =>
        {
            var me = await cli.Client.GetCurrentPrincipalAsync(ct);
            cli.Output.Fields(me,
                ("Name", me.DisplayName),
                ("Kind", CliJson.Wire(me.Kind)),
                ("Id", me.Id.ToString()),
                ("Email", me.Email),
                ("Administrator", me.IsAdmin ? "yes" : "no"),
                ("Teams", me.Teams.Count == 0 ? "none" : string.Join(", ", me.Teams.Select(t => $"{t.Name} ({CliJson.Wire(t.Role)})"))));
            return ExitCodes.Success;
        });

        return [login, logout, whoami];
    }
}
