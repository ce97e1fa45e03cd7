using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.ChangeLabelPolicy;

/// <summary>
/// Replaces a team's label policy by saving the next version; earlier versions stay readable. Saving the
/// settings the current version already has changes nothing and returns that version. Admins only.
/// </summary>
public sealed record ChangeLabelPolicyCommand(string Team, LabelPolicySettings Settings) : ICommand<Result<LabelPolicyDto>>, IRequiresPrincipal;
