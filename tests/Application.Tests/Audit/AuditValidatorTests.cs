using RunnerTokens.Application.Audit.ListAuditEvents;
using RunnerTokens.Application.Audit.ListSecurityEvents;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Application.Tests.Audit;

/// <summary>Shape rules of the audit messages (400s before any handler runs).</summary>
public sealed class AuditValidatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static IEnumerable<TestCaseData> BadQueries()
    {
        yield return new TestCaseData(new ListAuditEventsQuery(Outcome: "maybe"), "Outcome").SetName("Unknown outcome");
        yield return new TestCaseData(new ListAuditEventsQuery(Outcome: "1"), "Outcome").SetName("Numeric outcome");
        yield return new TestCaseData(new ListAuditEventsQuery(Cursor: "not-a-cursor"), "Cursor").SetName("Bad cursor");
        yield return new TestCaseData(new ListAuditEventsQuery(Cursor: new string('A', 32) + "=="), "Cursor").SetName("Cursor with padding");
        yield return new TestCaseData(new ListAuditEventsQuery(Limit: 0), "Limit").SetName("Limit zero");
        yield return new TestCaseData(new ListAuditEventsQuery(Limit: 201), "Limit").SetName("Limit over 200");
        yield return new TestCaseData(new ListAuditEventsQuery(From: T0.AddSeconds(1), To: T0), "From").SetName("From after to");
        yield return new TestCaseData(new ListAuditEventsQuery(Action: new string('a', 101)), "Action").SetName("Action too long");
        yield return new TestCaseData(new ListAuditEventsQuery(Team: new string('a', 64)), "Team").SetName("Team too long");
    }

    [TestCaseSource(nameof(BadQueries))]
    public void Bad_parameters_are_rejected_by_the_validator(ListAuditEventsQuery query, string property)
    {
        var result = new ListAuditEventsQueryValidator().Validate(query);

        result.Errors.ShouldContain(e => e.PropertyName == property);
    }

    [Test]
    public void Good_parameters_pass_the_validator()
    {
        var cursor = new KeysetCursor(T0, Guid.NewGuid()).Encode();
        var query = new ListAuditEventsQuery("a", "b", "alpha", "team", "t", "succeeded", T0, T0, cursor, 200);

        new ListAuditEventsQueryValidator().Validate(query).IsValid.ShouldBeTrue();
        new ListAuditEventsQueryValidator().Validate(new ListAuditEventsQuery(Limit: 1)).IsValid.ShouldBeTrue();
    }

    [TestCase("severe")]
    [TestCase("2")]
    public void Unknown_severity_is_rejected(string severity)
    {
        new ListSecurityEventsQueryValidator().Validate(new ListSecurityEventsQuery(Severity: severity))
            .Errors.ShouldContain(e => e.PropertyName == nameof(ListSecurityEventsQuery.Severity));
    }

    [Test]
    public void Bad_paging_and_range_are_rejected()
    {
        var validator = new ListSecurityEventsQueryValidator();

        validator.Validate(new ListSecurityEventsQuery(Limit: 0)).IsValid.ShouldBeFalse();
        validator.Validate(new ListSecurityEventsQuery(Limit: 201)).IsValid.ShouldBeFalse();
        validator.Validate(new ListSecurityEventsQuery(Cursor: "x")).IsValid.ShouldBeFalse();
        validator.Validate(new ListSecurityEventsQuery(From: T0, To: T0.AddTicks(-1))).IsValid.ShouldBeFalse();
        validator.Validate(new ListSecurityEventsQuery(Severity: "HIGH", Limit: 200)).IsValid.ShouldBeTrue();
    }

    [Test]
    public void Validator_bounds_the_batch()
    {
        var validator = new SealAuditTrailCommandValidator();

        validator.Validate(new SealAuditTrailCommand()).IsValid.ShouldBeTrue();
        validator.Validate(new SealAuditTrailCommand(BatchSize: 0)).IsValid.ShouldBeFalse();
        validator.Validate(new SealAuditTrailCommand(BatchSize: AuditTrailSealer.MaxBatchSize + 1)).IsValid.ShouldBeFalse();
        validator.Validate(new SealAuditTrailCommand(MaxBatches: 0)).IsValid.ShouldBeFalse();
    }
}
