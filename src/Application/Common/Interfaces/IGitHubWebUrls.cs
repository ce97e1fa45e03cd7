namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>GitHub's web addresses (not the API's): for the commands handed to runner machines and the dashboard's links.</summary>
public interface IGitHubWebUrls
{
    /// <summary>For example <c>https://github.com/acme</c>, or <c>https://ghes.example.com/acme</c> on Enterprise Server.</summary>
    Uri OrganizationUrl(string organization);

    /// <summary>A workflow job's page, e.g. <c>https://github.com/acme/app/actions/runs/5/job/7</c>; <paramref name="repository"/> is <c>owner/name</c>.</summary>
    Uri JobUrl(string repository, long runId, long jobId);
}
