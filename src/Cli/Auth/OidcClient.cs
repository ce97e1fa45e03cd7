using System.Net.Http.Json;
using System.Text.Json;

namespace RunnerTokens.Cli.Auth;

/// <summary>
/// The two sign-ins of <c>runnertokens login</c> against an OpenID provider the service trusts: client credentials
/// (a machine identity's client id and secret) and the device authorization grant (RFC 8628: a person approves in a
/// browser); plus the refresh of a cached token. Endpoints come from the issuer's discovery document.
/// </summary>
public sealed class OidcClient(HttpClient http, TimeProvider clock)
{
    public async Task<OidcEndpoints> DiscoverAsync(string issuer, CancellationToken cancellationToken)
    {
        var url = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        using var response = await SendAsync(() => http.GetAsync(url, cancellationToken), $"the discovery document {url}");
        if (!response.IsSuccessStatusCode)
        {
            throw new LoginFailedException($"{url} answered {(int)response.StatusCode}: is '{issuer}' the issuer?", refused: (int)response.StatusCode < 500);
        }

        var document = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var token = document.TryGetProperty("token_endpoint", out var t) ? t.GetString() : null;
        var device = document.TryGetProperty("device_authorization_endpoint", out var d) ? d.GetString() : null;
        return new OidcEndpoints(token ?? throw new LoginFailedException($"{url} names no token_endpoint.", refused: true), device);
    }

    public Task<OidcTokens> ClientCredentialsAsync(string tokenEndpoint, string clientId, string clientSecret, string? scope, CancellationToken cancellationToken) =>
        RequestTokenAsync(tokenEndpoint, Form(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", clientSecret), ("scope", scope)), cancellationToken);

    public Task<OidcTokens> RefreshAsync(string tokenEndpoint, string clientId, string refreshToken, CancellationToken cancellationToken) =>
        RequestTokenAsync(tokenEndpoint, Form(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", refreshToken)), cancellationToken);

    /// <summary>Starts the device flow, shows the code through <paramref name="prompt"/>, and polls until approved, denied or expired.</summary>
    public async Task<OidcTokens> DeviceCodeAsync(
        OidcEndpoints endpoints, string clientId, string? scope, Action<DeviceAuthorization> prompt, CancellationToken cancellationToken)
    {
        var deviceEndpoint = endpoints.DeviceAuthorization
            ?? throw new LoginFailedException("The issuer offers no device authorization endpoint: use --client-id with --client-secret.", refused: true);
        using var started = await SendAsync(
            () => http.PostAsync(deviceEndpoint, Form(("client_id", clientId), ("scope", scope)), cancellationToken), deviceEndpoint);
        var body = await ReadAsync(started, cancellationToken);
        if (!started.IsSuccessStatusCode)
        {
            throw Refusal(body, (int)started.StatusCode);
        }

        var device = body.Deserialize<DeviceAuthorization>()!;
        prompt(device);
        var interval = TimeSpan.FromSeconds(Math.Max(device.Interval ?? 5, 1));
        var deadline = clock.GetUtcNow().AddSeconds(device.ExpiresIn ?? 600);
        while (clock.GetUtcNow() < deadline)
        {
            await Task.Delay(interval, clock, cancellationToken);
            using var polled = await SendAsync(() => http.PostAsync(endpoints.Token, Form(
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", device.DeviceCode), ("client_id", clientId)), cancellationToken), endpoints.Token);
            var answer = await ReadAsync(polled, cancellationToken);
            if (polled.IsSuccessStatusCode)
            {
                return answer.Deserialize<OidcTokens>()!;
            }

            switch (answer.TryGetProperty("error", out var error) ? error.GetString() : null)
            {
                case "authorization_pending":
                    continue;
                case "slow_down":
                    interval += TimeSpan.FromSeconds(5);
                    continue;
                default:
                    throw Refusal(answer, (int)polled.StatusCode);
            }
        }

        throw new LoginFailedException("The device code expired before it was approved: run login again.", refused: true);
    }

    private async Task<OidcTokens> RequestTokenAsync(string tokenEndpoint, FormUrlEncodedContent form, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.PostAsync(tokenEndpoint, form, cancellationToken), tokenEndpoint);
        var body = await ReadAsync(response, cancellationToken);
        return response.IsSuccessStatusCode ? body.Deserialize<OidcTokens>()! : throw Refusal(body, (int)response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, string what)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException unreachable)
        {
            throw new LoginFailedException($"Cannot reach {what}: {unreachable.Message}", refused: false);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException)
        {
            throw new LoginFailedException($"The identity provider answered {(int)response.StatusCode} without a JSON body.", refused: (int)response.StatusCode < 500);
        }
    }

    private static LoginFailedException Refusal(JsonElement body, int status)
    {
        var error = body.TryGetProperty("error", out var e) ? e.GetString() : null;
        var description = body.TryGetProperty("error_description", out var d) ? d.GetString() : null;
        return new LoginFailedException(
            $"The identity provider refused the sign-in ({status}{(error is null ? "" : " " + error)}){(description is null ? "." : ": " + description)}",
            refused: status < 500);
    }

    private static FormUrlEncodedContent Form(params (string Key, string? Value)[] fields) =>
        new(fields.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)));
}
