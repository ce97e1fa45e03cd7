namespace RunnerTokens.Cli.Auth;

/// <summary>The endpoints of an issuer's discovery document the CLI uses.</summary>
public sealed record OidcEndpoints(string Token, string? DeviceAuthorization);
