using System.Net.Http.Headers;

namespace RunnerTokens.Client;

/// <summary>Adds <c>Authorization: Bearer</c> from the <see cref="IAccessTokenProvider"/> to every attempt (inside the
/// retry handler, so a retry gets a fresh token).</summary>
internal sealed class AccessTokenHandler(IAccessTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
