using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Infrastructure.Audit;
using RunnerTokens.Infrastructure.Configuration;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.Infrastructure.Sync;

namespace RunnerTokens.Infrastructure.Tests.Configuration;

/// <summary>
/// The settings validators (other than GitHub's, see GitHubStartupValidationTests): the values they accept
/// and messages that name the setting to fix.
/// </summary>
public sealed class OptionsValidatorTests
{
    [Test]
    public void Sync_defaults_are_valid() =>
        new SyncOptionsValidator().Validate(null, new SyncOptions()).Succeeded.ShouldBeTrue();

    [Test]
    public void Sync_names_each_bad_setting()
    {
        Failures(new SyncOptionsValidator(), new SyncOptions { Interval = TimeSpan.Zero })
            .ShouldBe(["Sync:Interval must be positive."]);
        Failures(new SyncOptionsValidator(), new SyncOptions { Interval = TimeSpan.FromMinutes(1), LeaseDuration = TimeSpan.FromMinutes(1) })
            .ShouldBe(["Sync:LeaseDuration must be longer than Sync:Interval."]);
        Failures(new SyncOptionsValidator(), new SyncOptions { PendingTimeout = TimeSpan.Zero, OfflineTimeout = TimeSpan.FromSeconds(-1) })
            .ShouldBe(["Sync:PendingTimeout must be positive.", "Sync:OfflineTimeout must be positive."]);
    }

    [Test]
    public void Sync_accepts_a_lease_just_longer_than_the_interval() =>
        new SyncOptionsValidator().Validate(null, new SyncOptions { Interval = TimeSpan.FromMinutes(1), LeaseDuration = TimeSpan.FromMinutes(1) + TimeSpan.FromTicks(1) })
            .Succeeded.ShouldBeTrue();

    [Test]
    public void Audit_sealing_defaults_are_valid() =>
        new AuditSealingOptionsValidator().Validate(null, new AuditSealingOptions()).Succeeded.ShouldBeTrue();

    [TestCase("00:00:00.100", 1, 1)]
    [TestCase("01:00:00", AuditTrailSealer.MaxBatchSize, 10_000)]
    public void Audit_sealing_accepts_the_bounds(string interval, int batchSize, int maxBatches) =>
        new AuditSealingOptionsValidator().Validate(null, new AuditSealingOptions
        {
            Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            BatchSize = batchSize,
            MaxBatchesPerRun = maxBatches,
        }).Succeeded.ShouldBeTrue();

    [TestCase("00:00:00.099", 0, 0)]
    [TestCase("01:00:00.001", AuditTrailSealer.MaxBatchSize + 1, 10_001)]
    public void Audit_sealing_names_each_setting_out_of_range(string interval, int batchSize, int maxBatches) =>
        Failures(new AuditSealingOptionsValidator(), new AuditSealingOptions
        {
            Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            BatchSize = batchSize,
            MaxBatchesPerRun = maxBatches,
        }).ShouldBe([
            "Audit:Sealing:Interval must be between 00:00:00.100 and 01:00:00.",
            $"Audit:Sealing:BatchSize must be between 1 and {AuditTrailSealer.MaxBatchSize}.",
            "Audit:Sealing:MaxBatchesPerRun must be between 1 and 10000.",
        ]);

    [TestCase(DatabaseProvider.Sqlite, null)]
    [TestCase(DatabaseProvider.SqlServer, "Server=db")]
    [TestCase(DatabaseProvider.PostgreSql, "Host=db")]
    public void Database_accepts_sqlite_without_and_servers_with_a_connection_string(DatabaseProvider provider, string? connectionString) =>
        new DatabaseOptionsValidator(connectionString).Validate(null, new DatabaseOptions { Provider = provider }).Succeeded.ShouldBeTrue();

    [TestCase(DatabaseProvider.SqlServer, null)]
    [TestCase(DatabaseProvider.PostgreSql, " ")]
    public void Database_server_providers_name_the_missing_connection_string(DatabaseProvider provider, string? connectionString) =>
        Failures(new DatabaseOptionsValidator(connectionString), new DatabaseOptions { Provider = provider })
            .ShouldBe([$"ConnectionStrings:RunnerTokens is required when Database:Provider is {provider}."]);

    [Test]
    public void Database_names_an_unknown_provider() =>
        Failures(new DatabaseOptionsValidator("x"), new DatabaseOptions { Provider = (DatabaseProvider)42 })
            .ShouldBe(["Database:Provider '42' is not supported; use Sqlite, SqlServer or PostgreSql."]);

    [Test]
    public void The_database_section_is_checked_while_services_are_registered()
    {
        var configuration = Configuration(("Database:Provider", "PostgreSql"));

        var failure = Should.Throw<OptionsValidationException>(() =>
            new ServiceCollection().AddPersistence(configuration, Path.GetTempPath()));

        failure.Failures.ShouldBe(["ConnectionStrings:RunnerTokens is required when Database:Provider is PostgreSql."]);
    }

    [Test]
    public async Task AddValidatedOptions_binds_the_section_and_stops_the_host_at_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sync:Interval"] = "00:00:00" });
        builder.Services.AddValidatedOptions<SyncOptions, SyncOptionsValidator>(builder.Configuration.GetSection(SyncOptions.SectionName));
        using var host = builder.Build();

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        failure.Failures.ShouldBe(["Sync:Interval must be positive."]);
    }

    [Test]
    public void BindValidatedNow_returns_the_bound_settings_and_registers_them_for_readers()
    {
        var services = new ServiceCollection();
        var configuration = Configuration(("Sync:Interval", "00:02:00"));

        var bound = services.BindValidatedNow(configuration.GetSection(SyncOptions.SectionName), new SyncOptionsValidator());

        bound.Interval.ShouldBe(TimeSpan.FromMinutes(2));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IOptions<SyncOptions>>().Value.Interval.ShouldBe(TimeSpan.FromMinutes(2));
    }

    [Test]
    public void BindValidatedNow_throws_the_validators_messages()
    {
        var configuration = Configuration(("Sync:Interval", "-00:00:01"));

        var failure = Should.Throw<OptionsValidationException>(() =>
            new ServiceCollection().BindValidatedNow(configuration.GetSection(SyncOptions.SectionName), new SyncOptionsValidator()));

        failure.Failures.ShouldBe(["Sync:Interval must be positive."]);
    }

    private static IEnumerable<string> Failures<T>(IValidateOptions<T> validator, T options)
        where T : class
    {
        var result = validator.Validate(null, options);
        result.Failed.ShouldBeTrue();
        return result.Failures!;
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

}
