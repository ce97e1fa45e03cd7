namespace RunnerTokens.Api.Hosting;

/// <summary>The <c>Shutdown</c> section: what a replica does between SIGTERM and the server closing (docs/operations.md#shutdown).</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// How long the replica keeps serving after readiness turned unhealthy, before it stops accepting connections,
    /// so load balancers and Kubernetes endpoints stop routing to it first. 0 (default) for a bare process; about 5 s
    /// behind a balancer (the Helm chart sets it). Must be shorter than <c>HostOptions:ShutdownTimeout</c>.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
}
