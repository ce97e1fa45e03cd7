using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RunnerTokens.Api.Hosting;

/// <summary>
/// The server certificate from a PEM certificate file and a PEM key file, read again at most every
/// <see cref="TlsOptions.ReloadInterval"/> when a connection arrives: a renewed certificate (cert-manager,
/// a Kubernetes secret update, certbot) is served to new connections without a restart. The files are
/// compared by content, so symlink swaps are seen too. A pair that does not load (a half-written renewal)
/// is logged and the previous certificate is kept.
/// </summary>
internal sealed partial class ReloadingPemCertificate
{
    private readonly string _certificatePath;
    private readonly string _keyPath;
    private readonly TimeSpan _reloadInterval;
    private readonly TimeProvider _time;
    private readonly ILogger<ReloadingPemCertificate> _logger;
    private readonly Lock _gate = new();
    private volatile Loaded _current;
    private long _nextCheck;

    public ReloadingPemCertificate(TlsOptions options, string contentRoot, TimeProvider time, ILogger<ReloadingPemCertificate> logger)
    {
        _certificatePath = Path.GetFullPath(options.CertificatePath!, contentRoot);
        _keyPath = Path.GetFullPath(options.KeyPath!, contentRoot);
        _reloadInterval = options.ReloadInterval;
        _time = time;
        _logger = logger;
        _current = Load(ReadFiles()); // a missing or bad pair fails the start, loudly
        _nextCheck = _time.GetTimestamp() + ToTicks(_reloadInterval);
        LogLoaded(_logger, _current.Certificate.Subject, _current.Certificate.Thumbprint, _current.Certificate.NotAfter);
    }

    /// <summary>The certificate and its chain for the next handshake.</summary>
    public SslStreamCertificateContext Current
    {
        get
        {
            RefreshIfDue();
            return _current.Context;
        }
    }

    /// <summary>The leaf certificate for the next handshake.</summary>
    public X509Certificate2 Certificate
    {
        get
        {
            RefreshIfDue();
            return _current.Certificate;
        }
    }

    private void RefreshIfDue()
    {
        if (_time.GetTimestamp() < Interlocked.Read(ref _nextCheck))
        {
            return;
        }

        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (now < _nextCheck)
            {
                return;
            }

            Interlocked.Exchange(ref _nextCheck, now + ToTicks(_reloadInterval));
            try
            {
                var files = ReadFiles();
                if (files.Hash.AsSpan().SequenceEqual(_current.Hash))
                {
                    return;
                }

                // The previous certificate is not disposed: handshakes in flight may still use it.
                _current = Load(files);
                LogLoaded(_logger, _current.Certificate.Subject, _current.Certificate.Thumbprint, _current.Certificate.NotAfter);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                LogReloadFailed(_logger, e, _certificatePath, _keyPath);
            }
        }
    }

    private long ToTicks(TimeSpan interval) => (long)(interval.TotalSeconds * _time.TimestampFrequency);

    private (string Certificate, string Key, byte[] Hash) ReadFiles()
    {
        var certificate = File.ReadAllText(_certificatePath);
        var key = File.ReadAllText(_keyPath);
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(certificate + "\n--key--\n" + key));
        return (certificate, key, hash);
    }

    private static Loaded Load((string Certificate, string Key, byte[] Hash) files)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(files.Certificate, files.Key);

        // Re-imported so the private key is usable by every TLS backend (ephemeral PEM keys are not, on Windows).
        var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(files.Certificate);
        var intermediates = new X509Certificate2Collection(
            chain.Where(c => !string.Equals(c.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase)).ToArray());
        var context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
        return new Loaded(certificate, context, files.Hash);
    }

    private sealed record Loaded(X509Certificate2 Certificate, SslStreamCertificateContext Context, byte[] Hash);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "TLS certificate loaded: {Subject} ({Thumbprint}), valid until {NotAfter:u}")]
    private static partial void LogLoaded(ILogger logger, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "TLS certificate files {CertificatePath} / {KeyPath} changed but do not load; still serving the previous certificate")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string certificatePath, string keyPath);
}
