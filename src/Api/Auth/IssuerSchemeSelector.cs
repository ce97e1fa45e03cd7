using Microsoft.IdentityModel.JsonWebTokens;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Api.Auth;

/// <summary>
/// Picks the scheme for a request from its bearer token's <c>iss</c>, read without validation (decoding the
/// payload only; the chosen scheme then validates everything). No token, an unreadable token, or an issuer
/// nobody configured goes to <see cref="AuthSchemes.Unrecognized"/>.
/// </summary>
public sealed class IssuerSchemeSelector
{
    private static readonly object SelectionKey = new();
    private readonly Dictionary<string, string> _schemeByIssuer;

    public IssuerSchemeSelector(IEnumerable<KeyValuePair<string, string>> issuerSchemes)
    {
        _schemeByIssuer = new Dictionary<string, string>(StringComparer.Ordinal);
        // First registration wins: configured issuers come before the Development token scheme, which can
        // therefore never take over the tokens of a configured issuer.
        foreach (var (issuer, scheme) in issuerSchemes)
        {
            _schemeByIssuer.TryAdd(IssuerIdentifier.Key(issuer), scheme);
        }
    }

    public IReadOnlyCollection<string> Issuers => _schemeByIssuer.Keys;

    public string SelectScheme(HttpContext context) => Select(context).Scheme;

    /// <summary>The selection for this request, computed once and remembered for the challenge.</summary>
    public SchemeSelection Select(HttpContext context)
    {
        if (context.Items.TryGetValue(SelectionKey, out var cached) && cached is SchemeSelection selection)
        {
            return selection;
        }

        selection = Compute(context);
        context.Items[SelectionKey] = selection;
        return selection;
    }

    private SchemeSelection Compute(HttpContext context)
    {
        var token = BearerToken(context.Request);
        if (token is null)
        {
            return new SchemeSelection(AuthSchemes.Unrecognized, Rejection: null);
        }

        var issuer = ReadIssuer(token);
        if (issuer is null)
        {
            return new SchemeSelection(AuthSchemes.Unrecognized, TokenRejection.Malformed);
        }

        return _schemeByIssuer.TryGetValue(IssuerIdentifier.Key(issuer), out var scheme)
            ? new SchemeSelection(scheme, Rejection: null)
            : new SchemeSelection(AuthSchemes.Unrecognized, TokenRejection.UnknownIssuer);
    }

    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[prefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static string? ReadIssuer(string token)
    {
        // Signed JWTs only (three parts); CanReadToken also bounds the size.
        if (token.Count(c => c == '.') != 2 || !new JsonWebTokenHandler().CanReadToken(token))
        {
            return null;
        }

        try
        {
            var issuer = new JsonWebToken(token).Issuer;
            return string.IsNullOrEmpty(issuer) ? null : issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
