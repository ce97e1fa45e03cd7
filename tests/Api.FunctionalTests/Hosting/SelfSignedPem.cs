using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RunnerTokens.Api.FunctionalTests.Hosting;

/// <summary>A throwaway self-signed server certificate for 127.0.0.1, written as a PEM certificate file and a PEM key file.</summary>
public static class SelfSignedPem
{
    /// <summary>Writes a new pair to the paths (replacing them) and returns the certificate's thumbprint.</summary>
    public static string Write(string certificatePath, string keyPath, string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Written to temp files and moved into place, as a renewal tool does, so a reader never sees half a file.
        WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem());
        WriteAtomically(certificatePath, certificate.ExportCertificatePem());
        return certificate.Thumbprint;
    }

    private static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
