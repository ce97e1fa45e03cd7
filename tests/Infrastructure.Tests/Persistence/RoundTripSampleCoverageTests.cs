namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>Keeps <see cref="RoundTripSamples"/> in step with the model, independent of any database.</summary>
public sealed class RoundTripSampleCoverageTests
{
    [Test]
    public void Every_entity_type_of_the_model_has_a_round_trip_sample()
    {
        var missing = PersistenceProviderTests.ModelEntityTypes()
            .Where(t => RoundTripSamples.For(t.ClrType) is null)
            .Select(t => $"no round-trip sample for {t.ClrType.Name}");

        missing.ShouldBeEmpty("add one to tests/Infrastructure.Tests/Persistence/RoundTripSamples.cs");
    }

    [Test]
    public void Every_round_trip_sample_is_an_entity_type_of_the_model()
    {
        var modelTypes = PersistenceProviderTests.ModelEntityTypes().Select(t => t.ClrType).ToHashSet();

        RoundTripSamples.EntityTypes.Where(t => !modelTypes.Contains(t)).ShouldBeEmpty();
    }

    [Test]
    public void The_model_has_the_entity_types_of_the_foundation()
    {
        // Guards the generic round trip against silently testing nothing.
        string[] foundation = ["User", "Team", "TeamMembership", "AuditEvent", "SecurityEvent"];
        foundation.ShouldBeSubsetOf(PersistenceProviderTests.ModelEntityTypes().Select(t => t.ClrType.Name));
    }
}
