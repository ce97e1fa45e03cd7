using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace RunnerTokens.Infrastructure.GitHub.Caching;

/// <summary>
/// Conditional GETs: remembers the ETag and body of each GET answer and sends <c>If-None-Match</c> next time.
/// GitHub answers an unchanged resource with 304, which does not count against the rate limit; this handler
/// turns it back into the remembered 200 (with the 304's fresh rate-limit headers), so callers see no difference.
/// The sync lists every runner every minute, so unchanged pages are the common case.
/// </summary>
internal sealed class ConditionalRequestHandler(ConditionalResponseCache cache) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get || request.RequestUri is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var key = request.RequestUri.AbsoluteUri;
        var cached = cache.Get(key);
        if (cached is not null)
        {
            request.Headers.IfNoneMatch.Clear();
            request.Headers.IfNoneMatch.Add(cached.ETag);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
        {
            return cached.ToResponse(response, request);
        }

        if (response.StatusCode == HttpStatusCode.OK && response.Headers.ETag is { } etag)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var mediaType = response.Content.Headers.ContentType;
            cache.Set(key, new CachedResponse(etag, body, mediaType));
            var replacement = new ByteArrayContent(body);
            replacement.Headers.ContentType = mediaType;
            response.Content = replacement;
        }

        return response;
    }
}

/// <summary>Remembered GET answers, bounded: the oldest half is dropped when it grows past its limit.</summary>
internal sealed class ConditionalResponseCache
{
    private const int MaxEntries = 2_000;
    private readonly ConcurrentDictionary<string, CachedResponse> _entries = new(StringComparer.Ordinal);

    public CachedResponse? Get(string key) => _entries.GetValueOrDefault(key);

    public void Set(string key, CachedResponse response)
    {
        if (_entries.Count >= MaxEntries)
        {
            foreach (var stale in _entries.OrderBy(e => e.Value.StoredAt).Take(MaxEntries / 2).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(stale, out _);
            }
        }

        _entries[key] = response;
    }
}

internal sealed record CachedResponse(EntityTagHeaderValue ETag, byte[] Body, MediaTypeHeaderValue? MediaType)
{
    public long StoredAt { get; } = Environment.TickCount64;

    /// <summary>The remembered 200, carrying the headers of the 304 that confirmed it (rate limits, Link).</summary>
    public HttpResponseMessage ToResponse(HttpResponseMessage notModified, HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(Body),
            Version = notModified.Version,
        };
        response.Content.Headers.ContentType = MediaType;
        foreach (var header in notModified.Headers)
        {
            response.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        notModified.Dispose();
        return response;
    }
}
