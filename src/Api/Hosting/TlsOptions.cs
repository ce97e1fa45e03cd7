namespace RunnerTokens.Api.Hosting;

/// <summary>
/// <c>Tls</c> section: the PEM certificate and key Kestrel serves on its HTTPS endpoints
/// (<c>ASPNETCORE_URLS=https://+:8443</c> or <c>ASPNETCORE_HTTPS_PORTS</c>). Both paths or neither.
/// </summary>
public sealed class TlsOptions
{
    public const string SectionName = "Tls";

    /// <summary>PEM file with the server certificate, optionally followed by its intermediate certificates.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM file with the certificate's private key (unencrypted PKCS#8, PKCS#1 or SEC1).</summary>
    public string? KeyPath { get; set; }

    /// <summary>How often the files are read again to pick up a renewed certificate (0: at every new connection).</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(KeyPath);
}
