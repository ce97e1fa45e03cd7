namespace RunnerTokens.Api.Auth;

/// <param name="Rejection">Set when a token was sent but cannot go to any issuer's scheme.</param>
public sealed record SchemeSelection(string Scheme, TokenRejection? Rejection);
