using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Users.CreateUser;

/// <summary>
/// Pre-registers a person by issuer and subject, by email (bound at first sign-in), or both. An issuer with an email
/// and no subject names the one issuer whose verified email may bind the user (without it: any issuer with
/// <c>TrustEmail</c>).
/// </summary>
public sealed record CreateUserCommand(string? Issuer, string? Subject, string? Email, string? DisplayName, bool IsAdmin)
    : ICommand<Result<UserDto>>, IAdminOnly;
