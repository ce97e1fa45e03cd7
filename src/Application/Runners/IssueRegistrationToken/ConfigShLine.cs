using System.Text;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.IssueRegistrationToken;

/// <summary>The <c>config.sh</c> line a machine runs to register as the expected runner.</summary>
internal static class ConfigShLine
{
    public static string For(Uri organizationUrl, string token, Runner runner, string runnerGroupName)
    {
        var command = new StringBuilder("./config.sh")
            .Append(" --url ").Append(Quote(organizationUrl.ToString()))
            .Append(" --token ").Append(Quote(token))
            .Append(" --name ").Append(Quote(runner.Name))
            .Append(" --labels ").Append(Quote(string.Join(',', runner.Labels)))
            .Append(" --runnergroup ").Append(Quote(runnerGroupName));
        if (runner.Ephemeral)
        {
            command.Append(" --ephemeral");
        }

        return command.Append(" --unattended").ToString();
    }

    /// <summary>Single-quotes for POSIX shells when needed (group names may contain spaces).</summary>
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ',' or '/' or ':')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
