using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Users.GetUser;

public sealed class GetUserQueryHandler(IAppDbContext db) : IQueryHandler<GetUserQuery, Result<UserDto>>
{
    public async ValueTask<Result<UserDto>> Handle(GetUserQuery query, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == query.Id)
            .Select(UserDto.Projection)
            .FirstOrDefaultAsync(cancellationToken);
        return user is null ? UserErrors.NotFound : user;
    }
}
