using System.Globalization;
using System.Net;
using System.Text.Json;
using RunnerTokens.Infrastructure.GitHub.Api;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>
/// GitHub App authentication as GitHub checks it: the App JWT (shape, issuer, lifetime) for the App endpoints,
/// installation tokens (issued, expired, revoked, permissions, organization) for everything else, and the
/// per-installation primary rate limit with its <c>x-ratelimit-*</c> headers. Called under the state's gate.
/// </summary>
internal sealed class SimulatorAuth(SimulatorState state)
{
    private static readonly string[] AllowedPermissions = ["organization_self_hosted_runners", "actions"];

    /// <summary>The bearer credential of <paramref name="request"/>, or null.</summary>
    public static string? BearerToken(HttpRequestMessage request) =>
        request.Headers.Authorization is { Scheme: var scheme, Parameter: { } parameter }
            && string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase) ? parameter : null;

    /// <summary>Null when <paramref name="jwt"/> would be accepted as an App JWT, otherwise GitHub's 401.</summary>
    public SimulatorAnswer? CheckAppJwt(string? jwt)
    {
        if (jwt is null)
        {
            return SimulatorAnswer.Error(HttpStatusCode.Unauthorized, "A JSON web token could not be decoded");
        }

        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return SimulatorAnswer.Error(HttpStatusCode.Unauthorized, "A JSON web token could not be decoded");
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            var root = payload.RootElement;
            var now = state.Now.ToUnixTimeSeconds();
            var exp = root.GetProperty("exp").GetInt64();
            var iat = root.GetProperty("iat").GetInt64();
            if (!root.TryGetProperty("iss", out var iss) || string.IsNullOrEmpty(iss.ToString()))
            {
                return SimulatorAnswer.Error(HttpStatusCode.Unauthorized, "'Issuer' claim ('iss') must be an Integer");
            }

            if (exp <= now)
            {
                return SimulatorAnswer.Error(HttpStatusCode.Unauthorized, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
            }

            if (exp - now > 600 || iat > now + 60)
            {
                return SimulatorAnswer.Error(HttpStatusCode.Unauthorized, "'Expiration time' claim ('exp') is too far in the future");
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return SimulatorAnswer.Error(HttpStatusCode.Unauthorized, "A JSON web token could not be decoded");
        }
    }

    /// <summary><c>POST /app/installations/{id}/access_tokens</c>.</summary>
    public SimulatorAnswer CreateInstallationToken(string id, string? body)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var installationId) || !state.Installations.ContainsKey(installationId))
        {
            // Configured installation ids become known on first use.
            if (installationId > 0 && state.Settings.Organizations.FirstOrDefault(o => o.InstallationId == installationId) is { Name: { } name })
            {
                _ = state.Org(name);
            }
            else
            {
                return SimulatorAnswer.NotFound();
            }
        }

        IReadOnlyDictionary<string, string> permissions;
        try
        {
            permissions = string.IsNullOrWhiteSpace(body)
                ? AllowedPermissions.ToDictionary(p => p, _ => "write")
                : JsonSerializer.Deserialize(body, GitHubJsonContext.Default.InstallationTokenRequest)?.Permissions
                    ?? AllowedPermissions.ToDictionary(p => p, _ => "write");
        }
        catch (JsonException)
        {
            return SimulatorAnswer.Error(HttpStatusCode.BadRequest, "Problems parsing JSON");
        }

        if (permissions.Keys.Any(p => !AllowedPermissions.Contains(p, StringComparer.Ordinal)))
        {
            return SimulatorAnswer.Error(HttpStatusCode.UnprocessableEntity, "The permissions requested are not granted to this installation.");
        }

        var now = state.Now;
        foreach (var expired in state.Tokens.Where(t => t.Value.ExpiresAt <= now).Select(t => t.Key).ToList())
        {
            state.Tokens.Remove(expired);
        }

        var token = new TokenState("ghs_" + SimulatorState.RandomToken(36), installationId, now.AddHours(1), [.. permissions.Keys]);
        state.Tokens[token.Value] = token;
        state.Counters.TokenMinted(installationId);
        var response = new InstallationTokenResponse(token.Value, token.ExpiresAt) { Permissions = permissions, RepositorySelection = "all" };
        return SimulatorAnswer.Json(HttpStatusCode.Created, response, GitHubJsonContext.Default.InstallationTokenResponse);
    }

    /// <summary>
    /// Runs <paramref name="handle"/> for an installation-token call on <paramref name="organization"/> that needs
    /// <paramref name="permission"/>, or answers 401/403/404 as GitHub would; counts it against the rate limit.
    /// </summary>
    public SimulatorAnswer WithInstallation(string? authorization, string organization, string permission, Func<OrgState, SimulatorAnswer> handle)
    {
        var now = state.Now;
        if (authorization is null || !state.Tokens.TryGetValue(authorization, out var token) || token.ExpiresAt <= now)
        {
            return SimulatorAnswer.Error(HttpStatusCode.Unauthorized, "Bad credentials");
        }

        var limit = state.Settings.Simulator.RateLimit;
        if (!state.Rates.TryGetValue(token.InstallationId, out var rate) || rate.ResetAt <= now)
        {
            rate = new RateState(limit, limit, now.AddHours(1));
        }

        SimulatorAnswer answer;
        if (rate.Remaining <= 0)
        {
            answer = SimulatorAnswer.Error(HttpStatusCode.Forbidden, $"API rate limit exceeded for installation ID {token.InstallationId}.");
        }
        else
        {
            rate = rate with { Remaining = rate.Remaining - 1 };
            answer = state.Uninstalled.Contains(organization) || state.Org(organization).InstallationId != token.InstallationId
                ? SimulatorAnswer.NotFound()
                : !token.Permissions.Contains(permission)
                    ? SimulatorAnswer.Error(HttpStatusCode.Forbidden, "Resource not accessible by integration")
                    : handle(state.Org(organization));
        }

        state.Rates[token.InstallationId] = rate;
        answer.Headers.Add(("x-ratelimit-limit", rate.Limit.ToString(CultureInfo.InvariantCulture)));
        answer.Headers.Add(("x-ratelimit-remaining", rate.Remaining.ToString(CultureInfo.InvariantCulture)));
        answer.Headers.Add(("x-ratelimit-reset", rate.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        answer.Headers.Add(("x-ratelimit-used", (rate.Limit - rate.Remaining).ToString(CultureInfo.InvariantCulture)));
        answer.Headers.Add(("x-ratelimit-resource", "core"));
        return answer;
    }

    /// <summary>Sets the installation's budget: <paramref name="remaining"/> requests until <paramref name="resetAt"/>.</summary>
    public void SetRateLimit(long installationId, int remaining, DateTimeOffset resetAt) =>
        state.Rates[installationId] = new RateState(state.Settings.Simulator.RateLimit, remaining, resetAt);

    private static byte[] Base64UrlDecode(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        return Convert.FromBase64String(padded);
    }
}
