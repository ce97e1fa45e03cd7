using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>An admitted request: the reserved runner, its team and the policy version that admitted it.</summary>
public sealed record RunnerReservation(Runner Runner, Team Team, LabelPolicy Policy);
