namespace RunnerTokens.Domain.Teams;

/// <summary>Why a pattern cannot be saved: a stable code (for example <c>pattern.unsupported</c>) and an explanation.</summary>
public sealed record LabelPatternProblem(string Code, string Message);
