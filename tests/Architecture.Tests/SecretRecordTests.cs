using System.Reflection;
using System.Runtime.CompilerServices;

namespace RunnerTokens.Architecture.Tests;

/// <summary>
/// A C# record prints every property in its generated <c>ToString</c>: a record that holds a secret (JIT config,
/// registration or installation token, config/run command, private key, webhook secret) must write its own.
/// </summary>
public sealed class SecretRecordTests
{
    private static readonly string[] SecretProperties =
    [
        "EncodedJitConfig", "Token", "RegistrationToken", "ConfigCommand", "ConfigShLine", "RunCommand",
        "PrivateKey", "Secret", "WebhookSecret", "ClientSecret", "AccessToken",
    ];

    [Test]
    public void Records_holding_a_secret_redact_it_in_ToString()
    {
        var offenders = new[] { Layers.Domain, Layers.Application, Layers.Infrastructure, Layers.Api, typeof(GitHub.Simulator.GitHubSimulator).Assembly }
            .SelectMany(SafeTypes)
            .Where(PrintsASecret)
            .Select(t => t.FullName)
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Test]
    public void The_rule_rejects_a_record_that_prints_its_secret()
    {
        PrintsASecret(typeof(LeakyToken)).ShouldBeTrue();
        PrintsASecret(typeof(RedactedToken)).ShouldBeFalse();
        new LeakyToken("s3cr3t").ToString().ShouldContain("s3cr3t", customMessage: "the generated ToString prints the secret");
    }

    private static bool PrintsASecret(Type type)
    {
        var isRecord = type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null || IsRecordStruct(type);
        if (!isRecord || !type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => SecretProperties.Contains(p.Name, StringComparer.Ordinal)))
        {
            return false;
        }

        var toString = type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        return toString is null || toString.DeclaringType != type || toString.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);
    }

    /// <summary>Record structs have no clone method; their generated PrintMembers gives them away.</summary>
    private static bool IsRecordStruct(Type type) =>
        type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is { } print
        && print.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }

    private sealed record LeakyToken(string Token);

    private sealed record RedactedToken(string Token)
    {
        public override string ToString() => "RedactedToken { Token = *** }";
    }
}
