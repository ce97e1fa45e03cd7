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

        if (query.Cursor is not null)
        {
            if (!KeysetCursor.TryDecode(query.Cursor, out var after))
            {
                return KeysetCursor.Invalid;
            }

            users = users.Where(u => u.CreatedAt < after.Time || (u.CreatedAt == after.Time && u.Id.CompareTo(after.Id) < 0));
        }

        var limit = query.Limit ?? PageLimits.Default;
        var rows = await users
            .OrderByDescending(u => u.CreatedAt)
            .ThenByDescending(u => u.Id)
            .Take(limit + 1)
            .Select(UserDto.Projection)
            .ToListAsync(cancellationToken);

        var next = rows.Count > limit ? new KeysetCursor(rows[limit - 1].CreatedAt, rows[limit - 1].Id).Encode() : null;
        return new Page<UserDto>(rows.Count > limit ? rows[..limit] : rows, next);
    }
}
