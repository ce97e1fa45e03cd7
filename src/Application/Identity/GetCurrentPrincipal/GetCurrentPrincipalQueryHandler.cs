using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity.GetCurrentPrincipal;

public sealed class GetCurrentPrincipalQueryHandler(ICurrentPrincipal current, IAppDbContext db)
    : IQueryHandler<GetCurrentPrincipalQuery, Result<CurrentPrincipalDto>>
{
    public async ValueTask<Result<CurrentPrincipalDto>> Handle(GetCurrentPrincipalQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var email = principal.Kind == PrincipalKind.User
            ? await db.Users.AsNoTracking().Where(u => u.Id == principal.Id).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new CurrentPrincipalDto(
            principal.Kind,
            principal.Id,
            principal.DisplayName,
            email,
            principal.IsAdmin,
            [.. principal.Teams.OrderBy(t => t.TeamName, StringComparer.Ordinal).Select(t => new CurrentPrincipalTeamDto(t.TeamId, t.TeamName, t.Level))]);
    }
}
