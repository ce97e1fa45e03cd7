namespace RunnerTokens.Infrastructure.GitHub.Auth;

/// <summary>The least permission an installation token is minted with; one cached token per scope.</summary>
internal enum InstallationTokenScope
{
    /// <summary><c>organization_self_hosted_runners: write</c>: everything under /orgs/{org}/actions/runners and runner-groups.</summary>
    Runners,

    /// <summary><c>actions: write</c>: cancelling workflow runs.</summary>
    Actions,
}
