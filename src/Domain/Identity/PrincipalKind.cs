namespace RunnerTokens.Domain.Identity;

/// <summary>Who is acting: a person, a machine identity acting for one team, or the service itself.</summary>
public enum PrincipalKind
{
    User,
    Machine,
    System,
}
