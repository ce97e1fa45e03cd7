using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.GetLabelPolicy;

/// <summary>A team's current label policy, for anyone who may see the team.</summary>
public sealed record GetLabelPolicyQuery(string Team) : IQuery<Result<LabelPolicyDto>>, IRequiresPrincipal;
