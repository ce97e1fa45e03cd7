namespace RunnerTokens.Api.Contracts.Users;

/// <summary>Pre-register a person: issuer and subject, email (bound at first sign-in), or both.</summary>
public sealed record CreateUserRequest(string? Issuer, string? Subject, string? Email, string? DisplayName, bool? IsAdmin);
