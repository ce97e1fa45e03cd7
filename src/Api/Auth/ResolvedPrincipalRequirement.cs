using Microsoft.AspNetCore.Authorization;

namespace RunnerTokens.Api.Auth;

/// <summary>Part of the default and fallback policies: the token must have become a known principal.</summary>
public sealed class ResolvedPrincipalRequirement : IAuthorizationRequirement;
