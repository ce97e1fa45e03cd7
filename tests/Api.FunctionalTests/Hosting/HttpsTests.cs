using System.Net;
using System.Net.Security;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Hosting;

/// <summary>
/// The real host on Kestrel, on a free 127.0.0.1 port, serving HTTPS from a PEM certificate and key
/// (<c>Tls:CertificatePath</c>, <c>Tls:KeyPath</c>). Clients trust exactly the certificate the test wrote.
/// </summary>
public sealed class HttpsTests
{
    private string _folder = null!;
    private string _certificatePath = null!;
    private string _keyPath = null!;
    private string _thumbprint = null!;
    private RunnerTokensApiFactory _factory = null!;
    private Uri _address = null!;

    [OneTimeSetUp]
    public void StartHttpsHost()
    {
        _folder = Path.Combine(Path.GetTempPath(), "runnertokens-tls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _certificatePath = Path.Combine(_folder, "tls.crt");
        _keyPath = Path.Combine(_folder, "tls.key");
        _thumbprint = SelfSignedPem.Write(_certificatePath, _keyPath, "runnertokens-first");

        _factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["urls"] = "https://127.0.0.1:0",
                ["Tls:CertificatePath"] = _certificatePath,
                ["Tls:KeyPath"] = _keyPath,
                ["Tls:ReloadInterval"] = "00:00:00",
            },
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        _address = new Uri(addresses.Single());
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task The_host_listens_on_https_and_provisions_a_runner_over_it()
    {
        _address.Scheme.ShouldBe("https");
        _address.Host.ShouldBe("127.0.0.1");
        var team = await _factory.SeedTeamAsync("tls-team", policy: new LabelPolicySettings([], ["x-.*"], [], null, null, true, false));
        var member = await _factory.SeedUserAsync("tls-member");
        await _factory.AddMemberAsync(team, member);
        using var client = Client(out var served);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.Token());

        var response = await client.PostAsJsonAsync("/api/v1/runners/jit", new { team = team.Name, name = "tls-runner", labels = new[] { "x-1" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("encodedJitConfig").GetString().ShouldNotBeNullOrEmpty();
        response.RequestMessage!.RequestUri!.Scheme.ShouldBe("https");
        served().ShouldBe(CurrentThumbprint());
    }

    [Test]
    public async Task Replacing_the_pem_files_serves_the_new_certificate_to_new_connections()
    {
        var before = CurrentThumbprint();
        using (var first = Client(out var servedFirst))
        {
            (await first.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
            servedFirst().ShouldBe(before);
        }

        var renewed = SelfSignedPem.Write(_certificatePath, _keyPath, "runnertokens-renewed");
        _thumbprint = renewed;
        renewed.ShouldNotBe(before);

        using var second = Client(out var servedSecond);
        (await second.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        servedSecond().ShouldBe(renewed);
    }

    [Test]
    public async Task A_certificate_file_that_does_not_load_keeps_the_previous_certificate()
    {
        var before = CurrentThumbprint();
        var goodCertificate = await File.ReadAllTextAsync(_certificatePath);
        await File.WriteAllTextAsync(_certificatePath, "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
        try
        {
            using var client = Client(out var served);
            (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
            served().ShouldBe(before);
        }
        finally
        {
            await File.WriteAllTextAsync(_certificatePath, goodCertificate);
        }
    }

    [Test]
    public async Task Https_responses_carry_strict_transport_security_outside_development()
    {
        using var client = Client(out _);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "runnertokens.example"; // HSTS is never sent to localhost names

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
    }

    private string CurrentThumbprint() => _thumbprint;

    /// <summary>A client on a fresh connection pool that accepts only the certificate the test wrote last.</summary>
    private HttpClient Client(out Func<string?> servedThumbprint)
    {
        string? served = null;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    served = (certificate as X509Certificate2 ?? (certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData())))?.Thumbprint;
                    return string.Equals(served, _thumbprint, StringComparison.OrdinalIgnoreCase);
                },
            },
        };
        servedThumbprint = () => served;
        return new HttpClient(handler) { BaseAddress = _address };
    }
}
