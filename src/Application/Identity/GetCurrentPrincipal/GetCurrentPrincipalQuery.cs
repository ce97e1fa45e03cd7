using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Identity.GetCurrentPrincipal;

/// <summary>Who the caller is: <c>GET /api/v1/me</c>.</summary>
public sealed record GetCurrentPrincipalQuery : IQuery<Result<CurrentPrincipalDto>>, IRequiresPrincipal;
