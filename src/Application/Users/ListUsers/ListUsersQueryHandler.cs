using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Users.ListUsers;

public sealed class ListUsersQueryHandler(IAppDbContext db)
    : IQueryHandler<ListUsersQuery, Result<Page<UserDto>>>
{
    public async ValueTask<Result<Page<UserDto>>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            users = users.Where(u => u.DisplayName.ToLower().Contains(text) || (u.Email != null && u.Email.Contains(text)));
        }

        if (query.Active is { } active)
        {
            users = users.Where(u => u.IsActive == active);
        }

        if (query.Admin is { } admin)
        {
            users = users.Where(u => u.IsAdmin == admin);
        }

        var page = await users.ToKeysetPageAsync(query.Cursor, query.Limit, u => u.CreatedAt, u => u.Id, cancellationToken);
        return page.IsFailure ? page.Error : page.Value.Map(UserDto.From);
    }
}
