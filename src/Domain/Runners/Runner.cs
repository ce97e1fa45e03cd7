using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.Runners;

/// <summary>
/// A self-hosted runner the service provisioned. Its lifecycle is a small state machine:
/// Provisioning -> Pending -> Idle/Busy/Offline -> Deleted (terminal). Secrets are never held here:
/// only a SHA-256 fingerprint of the JIT config or registration token.
/// </summary>
public sealed class Runner : Entity
{
    private Runner(Guid id) : base(id) { }

    public Guid TeamId { get; private set; }
    public string Organization { get; private set; } = string.Empty;
    public string Name { get; private set; } = string.Empty;

    /// <summary>
    /// <see cref="RunnerName.LiveKey"/> (organization and name, normalized) while the runner is live, null once
    /// deleted: the unique key among live runners, so <c>Foo-1</c> and a live <c>foo-1</c> collide as at GitHub.
    /// </summary>
    public string? LiveNameKey { get; private set; }

    public RunnerKind Kind { get; private set; }
    public long? GitHubRunnerId { get; private set; }

    /// <summary>
    /// <see cref="GitHubRunnerId"/> while the runner is live, null once deleted: unique per organization among
    /// live runners, so two live rows never own the same runner at GitHub.
    /// </summary>
    public long? LiveGitHubRunnerId { get; private set; }
    public IReadOnlyList<string> RequestedLabels { get; private set; } = [];

    /// <summary>The labels the policy admitted (required first, then requested): what GitHub must show.</summary>
    public IReadOnlyList<string> Labels { get; private set; } = [];

    public long RunnerGroupId { get; private set; }
    public int PolicyVersion { get; private set; }
    public bool Ephemeral { get; private set; }
    public RunnerStatus Status { get; private set; }
    public PrincipalKind ProvisionedByKind { get; private set; }
    public string ProvisionedById { get; private set; } = string.Empty;
    public string ProvisionedByDisplay { get; private set; } = string.Empty;
    public string? SecretFingerprint { get; private set; }
    public DateTimeOffset? TokenExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? FirstOnlineAt { get; private set; }
    public DateTimeOffset? OfflineSince { get; private set; }
    public DateTimeOffset? LabelDriftDetectedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public string? DeletedBy { get; private set; }
    public RunnerDeletionReason? DeletionReason { get; private set; }

    public bool IsLive => Status != RunnerStatus.Deleted;

    /// <summary>Reserves the name and a quota slot before GitHub is called.</summary>
    public static Runner Reserve(
        Guid teamId,
        string organization,
        string name,
        RunnerKind kind,
        IEnumerable<string> requestedLabels,
        IEnumerable<string> labels,
        long runnerGroupId,
        int policyVersion,
        bool ephemeral,
        AuditActor provisionedBy,
        DateTimeOffset now) =>
        new(Guid.CreateVersion7(now))
        {
            TeamId = teamId,
            Organization = organization,
            Name = name,
            LiveNameKey = RunnerName.LiveKey(organization, name),
            Kind = kind,
            RequestedLabels = [.. requestedLabels],
            Labels = [.. labels],
            RunnerGroupId = runnerGroupId,
            PolicyVersion = policyVersion,
            Ephemeral = ephemeral,
            Status = RunnerStatus.Provisioning,
            ProvisionedByKind = provisionedBy.Kind,
            ProvisionedById = provisionedBy.Id,
            ProvisionedByDisplay = provisionedBy.Display,
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>GitHub created the JIT runner; the config went to the caller, its fingerprint stays.</summary>
    public Result CompleteJit(long gitHubRunnerId, string jitConfigFingerprint, DateTimeOffset now)
    {
        if (Status != RunnerStatus.Provisioning || Kind != RunnerKind.Jit)
        {
            return RunnerErrors.IllegalTransition(Status, "completed as a JIT runner");
        }

        GitHubRunnerId = gitHubRunnerId;
        LiveGitHubRunnerId = gitHubRunnerId;
        SecretFingerprint = jitConfigFingerprint;
        return MoveTo(RunnerStatus.Pending, now);
    }

    /// <summary>GitHub issued a registration token; the machine registers itself under <see cref="Name"/>.</summary>
    public Result CompleteRegistrationToken(string tokenFingerprint, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (Status != RunnerStatus.Provisioning || Kind != RunnerKind.RegistrationToken)
        {
            return RunnerErrors.IllegalTransition(Status, "completed with a registration token");
        }

        SecretFingerprint = tokenFingerprint;
        TokenExpiresAt = expiresAt;
        return MoveTo(RunnerStatus.Pending, now);
    }

    /// <summary>Records what GitHub reports. A pending runner stays pending until GitHub first shows it online.</summary>
    public Result ObserveAtGitHub(long gitHubRunnerId, bool online, bool busy, DateTimeOffset now)
    {
        if (Status is RunnerStatus.Deleted or RunnerStatus.Provisioning)
        {
            return RunnerErrors.IllegalTransition(Status, "observed at GitHub");
        }

        if (GitHubRunnerId is { } known && known != gitHubRunnerId)
        {
            return RunnerErrors.IllegalTransition(Status, $"observed as another GitHub runner ({gitHubRunnerId}, owns {known})");
        }

        GitHubRunnerId = gitHubRunnerId;
        LiveGitHubRunnerId = gitHubRunnerId;
        if (!online)
        {
            if (Status is RunnerStatus.Idle or RunnerStatus.Busy)
            {
                OfflineSince = now;
                return MoveTo(RunnerStatus.Offline, now);
            }

            return Result.Success();
        }

        FirstOnlineAt ??= now;
        OfflineSince = null;
        var observed = busy ? RunnerStatus.Busy : RunnerStatus.Idle;
        return Status == observed ? Result.Success() : MoveTo(observed, now);
    }

    public Result StartJob(DateTimeOffset now)
    {
        if (!IsLive || Status == RunnerStatus.Provisioning)
        {
            return RunnerErrors.IllegalTransition(Status, "given a job");
        }

        FirstOnlineAt ??= now;
        OfflineSince = null;
        return MoveTo(RunnerStatus.Busy, now);
    }

    /// <summary>A finished job leaves a persistent runner idle; an ephemeral runner is gone.</summary>
    public Result CompleteJob(DateTimeOffset now)
    {
        if (!IsLive || Status == RunnerStatus.Provisioning)
        {
            return RunnerErrors.IllegalTransition(Status, "finishing a job");
        }

        return Ephemeral
            ? Delete(RunnerDeletionReason.EphemeralFinished, AuditActor.Sync.Display, now)
            : MoveTo(RunnerStatus.Idle, now);
    }

    public void FlagLabelDrift(DateTimeOffset now)
    {
        LabelDriftDetectedAt ??= now;
        UpdatedAt = now;
    }

    public Result Delete(RunnerDeletionReason reason, string deletedBy, DateTimeOffset now)
    {
        if (!IsLive)
        {
            return RunnerErrors.AlreadyDeleted;
        }

        DeletedAt = now;
        DeletedBy = deletedBy;
        DeletionReason = reason;
        LiveNameKey = null;
        LiveGitHubRunnerId = null;
        return MoveTo(RunnerStatus.Deleted, now);
    }

    private Result MoveTo(RunnerStatus status, DateTimeOffset now)
    {
        Status = status;
        UpdatedAt = now;
        return Result.Success();
    }
}
