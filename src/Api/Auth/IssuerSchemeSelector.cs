using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Api.Auth;

/// <summary>
/// Picks the scheme for a request from its bearer token's <c>iss</c>, read without validation (decoding the
/// payload only; the chosen scheme then validates everything). No token, an unreadable token, or an issuer
/// nobody configured goes to <see cref="AuthSchemes.Unrecognized"/>.
/// </summary>
public sealed class IssuerSchemeSelector
{
    /// <summary>JsonWebTokenHandler's default maximum token size (250 KB, in base64url characters).</summary>
    private const int MaxTokenChars = 256_000;

    private static readonly object SelectionKey = new();

    private readonly Dictionary<string, string> _schemeByIssuer;
    private readonly Dictionary<string, SchemeSelection> _selections = new(StringComparer.Ordinal);

    public IssuerSchemeSelector(IEnumerable<KeyValuePair<string, string>> issuerSchemes)
    {
        _schemeByIssuer = new Dictionary<string, string>(StringComparer.Ordinal);
        // First registration wins: configured issuers come before the Development token scheme, which can
        // therefore never take over the tokens of a configured issuer.
        foreach (var (issuer, scheme) in issuerSchemes)
        {
            _schemeByIssuer.TryAdd(IssuerIdentifier.Key(issuer), scheme);
            _selections.TryAdd(scheme, new SchemeSelection(scheme, Rejection: null));
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
        var header = context.Request.Headers.Authorization.ToString();
        var token = BearerTokenSpan(header);
        if (token.IsEmpty)
        {
            return new SchemeSelection(AuthSchemes.Unrecognized, Rejection: null);
        }

        return ReadIssuer(token, out var issuer)
            ? _schemeByIssuer.TryGetValue(IssuerIdentifier.Key(issuer), out var scheme)
                ? Selected(scheme)
                : new SchemeSelection(AuthSchemes.Unrecognized, TokenRejection.UnknownIssuer)
            : new SchemeSelection(AuthSchemes.Unrecognized, TokenRejection.Malformed);
    }

    /// <summary>One selection object per scheme, shared by every request that goes to it.</summary>
    private SchemeSelection Selected(string scheme) =>
        _selections.TryGetValue(scheme, out var selection) ? selection : new SchemeSelection(scheme, Rejection: null);

    private static ReadOnlySpan<char> BearerTokenSpan(string header)
    {
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header.AsSpan(prefix.Length).Trim() : default;
    }

    /// <summary>
    /// The unvalidated <c>iss</c> of a signed JWT (three parts, a JSON object header, a payload with a string
    /// <c>iss</c>), read straight from the base64url text: the request path reads it without building a token
    /// object or claims (the chosen scheme parses and validates the whole token next).
    /// </summary>
    private static bool ReadIssuer(ReadOnlySpan<char> token, out string issuer)
    {
        issuer = string.Empty;
        if (token.Length > MaxTokenChars || token.Count('.') != 2)
        {
            return false;
        }

        var header = token[..token.IndexOf('.')];
        var payload = token[(header.Length + 1)..];
        payload = payload[..payload.IndexOf('.')];
        var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(Math.Max(header.Length, payload.Length)));
        try
        {
            return TryDecode(header, buffer, out var headerJson) && IsJsonObject(headerJson)
                && TryDecode(payload, buffer, out var payloadJson) && TryReadIssuer(payloadJson, out issuer);
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryDecode(ReadOnlySpan<char> base64Url, byte[] buffer, out ReadOnlySpan<byte> decoded)
    {
        var done = Base64Url.DecodeFromChars(base64Url, buffer, out _, out var written) == OperationStatus.Done;
        decoded = buffer.AsSpan(0, done ? written : 0);
        return done;
    }

    private static bool IsJsonObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
    }

    private static bool TryReadIssuer(ReadOnlySpan<byte> json, out string issuer)
    {
        issuer = string.Empty;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIssuer = reader.ValueTextEquals("iss"u8);
            if (!reader.Read())
            {
                return false;
            }

            if (isIssuer && reader.TokenType == JsonTokenType.String)
            {
                issuer = reader.GetString() ?? string.Empty;
            }
            else if (!reader.TrySkip())
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && issuer.Length > 0;
    }
}
