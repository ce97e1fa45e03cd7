namespace RunnerTokens.Client;

// The generated page envelopes (one shape: items + nextCursor) are pages for the paging helpers.
#pragma warning disable SA1402, SA1649, CA1711

/// <summary>A page of runners.</summary>
public partial class PageOfRunnerDto : IPage<RunnerDto>;

/// <summary>A page of teams.</summary>
public partial class PageOfTeamDto : IPage<TeamDto>;

/// <summary>A page of a team's members.</summary>
public partial class PageOfTeamMemberDto : IPage<TeamMemberDto>;

/// <summary>A page of a team's policy versions.</summary>
public partial class PageOfLabelPolicyDto : IPage<LabelPolicyDto>;

/// <summary>A page of audit events.</summary>
public partial class PageOfAuditEventDto : IPage<AuditEventDto>;

/// <summary>A page of security events.</summary>
public partial class PageOfSecurityEventDto : IPage<SecurityEventDto>;

/// <summary>A page of users.</summary>
public partial class PageOfUserDto : IPage<UserDto>;
