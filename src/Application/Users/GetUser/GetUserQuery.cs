using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Users.GetUser;

public sealed record GetUserQuery(Guid Id) : IQuery<Result<UserDto>>, IAdminOnly;
