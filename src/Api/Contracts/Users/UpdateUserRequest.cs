namespace RunnerTokens.Api.Contracts.Users;

/// <summary>Fields left out (or null) stay as they are.</summary>
public sealed record UpdateUserRequest(string? DisplayName, bool? IsAdmin, bool? IsActive);
