using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RunnerTokens.Application.Common.Behaviors;

namespace RunnerTokens.Application.Tests.Common.Behaviors;

/// <summary>
/// A message that throws is a Warning; one cancelled by its caller (a client that disconnected, a host stopping) is
/// only Debug, so a load test's end or a deployment's shutdown does not fill the log with warnings.
/// </summary>
public sealed class LoggingBehaviorTests
{
    [Test]
    public async Task A_message_cancelled_by_its_caller_is_logged_at_debug_and_still_cancels()
    {
        var logger = new FakeLogger<LoggingBehavior<Probe, int>>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<TaskCanceledException>(() => Run(logger, new TaskCanceledException(), cancelled.Token));

        var entry = logger.Collector.GetSnapshot().ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Debug);
        entry.Message.ShouldStartWith("Probe cancelled by its caller after");
    }

    [Test]
    public async Task A_cancellation_the_caller_did_not_ask_for_is_a_warning()
    {
        // An HttpClient timeout surfaces as a TaskCanceledException while the request itself goes on.
        var logger = new FakeLogger<LoggingBehavior<Probe, int>>();

        await Should.ThrowAsync<TaskCanceledException>(() => Run(logger, new TaskCanceledException(), CancellationToken.None));

        var entry = logger.Collector.GetSnapshot().ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Warning);
        entry.Message.ShouldStartWith("Probe threw TaskCanceledException after");
    }

    [Test]
    public async Task Any_other_exception_is_a_warning_even_when_the_caller_has_gone()
    {
        var logger = new FakeLogger<LoggingBehavior<Probe, int>>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<InvalidOperationException>(() => Run(logger, new InvalidOperationException("broken"), cancelled.Token));

        var entry = logger.Collector.GetSnapshot().ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Warning);
        entry.Message.ShouldStartWith("Probe threw InvalidOperationException after");
    }

    private static async Task Run(ILogger<LoggingBehavior<Probe, int>> logger, Exception thrown, CancellationToken cancellationToken) =>
        await new LoggingBehavior<Probe, int>(logger).Handle(new Probe(), (_, _) => throw thrown, cancellationToken);

    public sealed record Probe : IQuery<int>;
}
