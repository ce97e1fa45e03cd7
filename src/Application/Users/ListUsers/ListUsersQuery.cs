using Mediator;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Users.ListUsers;

/// <summary>Users newest first, keyset-paged over (CreatedAt, Id).</summary>
/// <param name="Text">Matches display name or email, case-insensitively, anywhere in the value.</param>
public sealed record ListUsersQuery(string? Text, bool? Active, bool? Admin, string? Cursor, int? Limit)
    : IQuery<Result<Page<UserDto>>>, IAdminOnly;
