namespace RunnerTokens.Application.Tests.Teams;

/// <summary>Who calls, relative to team-a.</summary>
public enum Caller
{
    Admin,
    Maintainer,
    Member,
    NonMember,
    Machine,
    OtherTeamMachine,
    Anonymous,
}
