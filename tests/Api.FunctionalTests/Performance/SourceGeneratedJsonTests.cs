using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Api.Infrastructure;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Runners.GetRunner;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Api.FunctionalTests.Performance;

/// <summary>
/// The API's bodies are described by source-generated metadata (<see cref="ApiJsonContext"/>) instead of
/// reflection: the wire must not change by a byte. Every type the context generates, and every type reachable
/// from it, must be described exactly as reflection describes it under the same MVC options (names, order, types,
/// converters, null handling), and a runner page must serialize to the same bytes both ways.
/// </summary>
public sealed class SourceGeneratedJsonTests : FunctionalTestBase
{
    private JsonSerializerOptions _api = null!;
    private JsonSerializerOptions _reflection = null!;
    private JsonSerializerOptions _builtIn = null!;

    [SetUp]
    public void Options()
    {
        _api = Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.JsonOptions>>().Value.JsonSerializerOptions;

        // Reflection with the API's own converter on runner labels (described alike), and reflection with nothing of
        // ours at all (written alike: the bytes of the built-in converters).
        _reflection = new JsonSerializerOptions(_api)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(IndexedStringListConverter.UseOnRunnerLabels),
        };
        _builtIn = new JsonSerializerOptions(_api) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    }

    private static IEnumerable<Type> GeneratedTypes() =>
        typeof(ApiJsonContext).GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!);

    [TestCaseSource(nameof(GeneratedTypes))]
    public void The_generated_description_is_the_reflected_one(Type type)
    {
        var generated = _api.GetTypeInfo(type);
        generated.OriginatingResolver.ShouldBeOfType<ApiJsonContext>($"{type} is not served by the generated context");

        var differences = new List<string>();
        Compare(type, differences, []);
        differences.ShouldBeEmpty();
    }

    [Test]
    public void A_runner_page_and_a_runner_with_jobs_serialize_to_the_same_bytes()
    {
        var now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, 123, TimeSpan.Zero);
        var runner = new RunnerDto(
            Guid.CreateVersion7(now), "ci-1", "team-a", "acme", 42, RunnerKind.RegistrationToken, ["self-hosted", "linux", "<gpu> & \"é\""], [], 1, 3,
            false, RunnerStatus.Deleted, "Ada", "user", now, now, null, now.AddHours(1), now, "sync", RunnerDeletionReason.Requested, null);
        var page = new Page<RunnerDto>([runner, runner with { GitHubRunnerId = null, Kind = RunnerKind.Jit }], "cursor");
        var details = new RunnerDetailsDto(runner, [new RunnerJobDto(1, 2, "acme/app", "ci", "build", now, null, null, "audited")]);

        JsonSerializer.Serialize(page, _api).ShouldBe(JsonSerializer.Serialize(page, _builtIn));
        JsonSerializer.Serialize(details, _api).ShouldBe(JsonSerializer.Serialize(details, _builtIn));
        JsonSerializer.Serialize(page, _api).ShouldContain("\"githubRunnerId\":42,\"kind\":\"registrationToken\"");
        _api.GetTypeInfo(typeof(RunnerDto)).Properties.Single(p => p.Name == "labels").CustomConverter.ShouldBeOfType<IndexedStringListConverter>();
    }

    private void Compare(Type type, List<string> differences, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            return;
        }

        var generated = _api.GetTypeInfo(type);
        var reflected = _reflection.GetTypeInfo(type);
        // Objects are read and written by a generated or a reflected converter of the same kind (that is the
        // point); anything else (enums, strings, dates, lists) must use the very same converter.
        if (generated.Kind != reflected.Kind
            || (generated.Kind != JsonTypeInfoKind.Object && generated.Converter.GetType() != reflected.Converter.GetType()))
        {
            differences.Add($"{type}: {generated.Kind}/{generated.Converter.GetType().Name} vs {reflected.Kind}/{reflected.Converter.GetType().Name}");
        }

        if (generated.ElementType is { } element)
        {
            Compare(element, differences, seen);
        }

        var mine = generated.Properties.Select(Describe).ToList();
        var theirs = reflected.Properties.Select(Describe).ToList();
        if (!mine.SequenceEqual(theirs))
        {
            differences.Add($"{type}: [{string.Join(", ", mine)}] vs [{string.Join(", ", theirs)}]");
        }

        foreach (var property in generated.Properties)
        {
            Compare(property.PropertyType, differences, seen);
        }
    }

    private static string Describe(JsonPropertyInfo p) =>
        $"{p.Name}:{p.PropertyType.Name}:{p.CustomConverter?.GetType().Name}:{p.Get is not null}:{p.IsRequired}:{p.ShouldSerialize is not null}:{p.Order}";
}
