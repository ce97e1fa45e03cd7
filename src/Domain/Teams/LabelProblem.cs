namespace RunnerTokens.Domain.Teams;

/// <summary>Why a label breaks the <see cref="Labels"/> rules.</summary>
public enum LabelProblem
{
    Empty,
    TooLong,
    InvalidCharacters,
    ReservedByGitHub,
}
