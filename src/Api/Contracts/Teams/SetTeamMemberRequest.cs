using System.ComponentModel.DataAnnotations;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>The user's role in the team: <c>member</c> or <c>maintainer</c>.</summary>
public sealed record SetTeamMemberRequest([Required] TeamRole? Role);
