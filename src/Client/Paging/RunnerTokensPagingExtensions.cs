namespace RunnerTokens.Client;

/// <summary>
/// Every list operation as an <see cref="IAsyncEnumerable{T}"/> over all its pages (<c>await foreach</c>); the filters are
/// those of the operation, <c>pageSize</c> is its <c>limit</c> (the service's default when null).
/// </summary>
public static class RunnerTokensPagingExtensions
{
    /// <summary>All runners visible to the caller (<c>listRunners</c>), newest first.</summary>
    public static IAsyncEnumerable<RunnerDto> ListAllRunnersAsync(
        this IRunnerTokensApiClient client, string? team = null, RunnerStatus? status = null, string? name = null, RunnerKind? kind = null,
        int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RunnerTokensPaging.ReadAllAsync<PageOfRunnerDto, RunnerDto>(
            (cursor, ct) => client.ListRunnersAsync(team, status, name, kind, cursor, pageSize, ct), cancellationToken);
    }

    /// <summary>All teams visible to the caller (<c>listTeams</c>).</summary>
    public static IAsyncEnumerable<TeamDto> ListAllTeamsAsync(
        this IRunnerTokensApiClient client, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RunnerTokensPaging.ReadAllAsync<PageOfTeamDto, TeamDto>(
            (cursor, ct) => client.ListTeamsAsync(pageSize, cursor, ct), cancellationToken);
    }

    /// <summary>All members of a team (<c>listTeamMembers</c>).</summary>
    public static IAsyncEnumerable<TeamMemberDto> ListAllTeamMembersAsync(
        this IRunnerTokensApiClient client, string team, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RunnerTokensPaging.ReadAllAsync<PageOfTeamMemberDto, TeamMemberDto>(
            (cursor, ct) => client.ListTeamMembersAsync(team, pageSize, cursor, ct), cancellationToken);
    }

    /// <summary>All versions of a team's label policy (<c>listTeamPolicyVersions</c>), newest first.</summary>
    public static IAsyncEnumerable<LabelPolicyDto> ListAllTeamPolicyVersionsAsync(
        this IRunnerTokensApiClient client, string team, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RunnerTokensPaging.ReadAllAsync<PageOfLabelPolicyDto, LabelPolicyDto>(
            (cursor, ct) => client.ListTeamPolicyVersionsAsync(team, pageSize, cursor, ct), cancellationToken);
    }

    /// <summary>All audit events matching the filters (<c>listAuditEvents</c>).</summary>
    public static IAsyncEnumerable<AuditEventDto> ListAllAuditEventsAsync(
        this IRunnerTokensApiClient client, string? action = null, string? targetType = null, string? targetId = null, string? outcome = null,
        string? actorId = null, string? team = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RunnerTokensPaging.ReadAllAsync<PageOfAuditEventDto, AuditEventDto>(
            (cursor, ct) => client.ListAuditEventsAsync(action, targetType, targetId, outcome, actorId, team, from, to, cursor, pageSize, ct),
            cancellationToken);
    }

    /// <summary>All security events matching the filters (<c>listSecurityEvents</c>).</summary>
    public static IAsyncEnumerable<SecurityEventDto> ListAllSecurityEventsAsync(
        this IRunnerTokensApiClient client, string? type = null, string? severity = null, string? actorId = null, string? team = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RunnerTokensPaging.ReadAllAsync<PageOfSecurityEventDto, SecurityEventDto>(
            (cursor, ct) => client.ListSecurityEventsAsync(type, severity, actorId, team, from, to, cursor, pageSize, ct), cancellationToken);
    }

    /// <summary>All users matching the filters (<c>listUsers</c>, administrators only).</summary>
    public static IAsyncEnumerable<UserDto> ListAllUsersAsync(
        this IRunnerTokensApiClient client, string? text = null, bool? active = null, bool? admin = null,
        int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return RunnerTokensPaging.ReadAllAsync<PageOfUserDto, UserDto>(
            (cursor, ct) => client.ListUsersAsync(text, active, admin, cursor, pageSize, ct), cancellationToken);
    }
}
