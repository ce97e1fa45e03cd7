using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.PatchLabelPolicy;

/// <summary>
/// Changes some fields of a team's label policy (JSON merge patch): the current version with the patched
/// fields becomes the next version. A patch that changes nothing returns the current version. Admins only.
/// </summary>
/// <param name="ExpectedVersion">The version the caller read (If-Match); a different current version is refused. Null skips the check.</param>
public sealed record PatchLabelPolicyCommand(string Team, LabelPolicyPatch Patch, int? ExpectedVersion = null)
    : ICommand<Result<LabelPolicyDto>>, IRequiresPrincipal;
