using System.CommandLine;

namespace RunnerTokens.Cli.Hosting;

/// <summary>Options every command takes (recursive: before or after the command's name).</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Url = new("--url")
    {
        Description = "The service's root URL (default: RUNNERTOKENS_URL, then the URL of the last login).",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "A bearer token to send (default: RUNNERTOKENS_TOKEN, then the token of the last login).",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write the API's JSON instead of tables (problems too, on standard output).",
        Recursive = true,
    };
}
