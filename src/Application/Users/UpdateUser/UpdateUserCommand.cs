using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Users.UpdateUser;

/// <summary>Partial update: null fields stay as they are.</summary>
public sealed record UpdateUserCommand(Guid Id, string? DisplayName, bool? IsAdmin, bool? IsActive) : ICommand<Result<UserDto>>, IAdminOnly;
