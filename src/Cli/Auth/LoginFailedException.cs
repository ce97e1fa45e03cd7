namespace RunnerTokens.Cli.Auth;

/// <summary>The identity provider refused the sign-in (<see cref="Refused"/>: bad client, denied) or could not be reached.</summary>
public sealed class LoginFailedException(string message, bool refused) : Exception(message)
{
    public bool Refused => refused;
}
