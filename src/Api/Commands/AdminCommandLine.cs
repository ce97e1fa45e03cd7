using Microsoft.Extensions.Logging.Console;

namespace RunnerTokens.Api.Commands;

/// <summary>
/// Finds an <see cref="AdminCommand"/> in the process arguments. The arguments also feed the host's
/// configuration (<c>--Database:Provider=Sqlite</c>), so arguments before the command name, and options after it
/// that name a configuration key (with <c>:</c>), are left to the host; any other unknown option is a usage error.
/// </summary>
public static class AdminCommandLine
{
    public const string Usage = """
        Administration commands (same configuration as the service; docs/operations.md):
          create-admin --email ADDRESS | --sub ISSUER|SUBJECT [--name DISPLAY]
              Creates the user as an administrator, or promotes (and reactivates) the existing one.
          verify-audit [--anchor-sequence N --anchor-hash HEX] [--json]
              Verifies the audit hash chain; exit 0 when intact, 1 with the first broken link otherwise.
          export-audit [--format json|csv] [--since TIME] [--output FILE]
              Streams the audit trail (newest first) to FILE or standard output.
        Exit codes: 0 success, 1 refused or broken chain, 2 usage error.
        """;

    private static readonly string[] Names = ["create-admin", "verify-audit", "export-audit"];

    /// <summary>
    /// The command the arguments name, null when they name none (the service starts), or a
    /// <see cref="UsageErrorCommand"/> when they name one wrongly.
    /// </summary>
    public static AdminCommand? Parse(IReadOnlyList<string> args)
    {
        var at = -1;
        for (var i = 0; i < args.Count && at < 0; i++)
        {
            if (Names.Contains(args[i], StringComparer.OrdinalIgnoreCase))
            {
                at = i;
            }
        }

        if (at < 0)
        {
            return null;
        }

        var name = args[at].ToLowerInvariant();
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = at + 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                return new UsageErrorCommand(name, $"unexpected argument '{arg}'");
            }

            var key = arg[2..];
            string? value = null;
            if (key.IndexOf('=', StringComparison.Ordinal) is var equals and >= 0)
            {
                (key, value) = (key[..equals], key[(equals + 1)..]);
            }
            else if (key is not "json" && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (key.Contains(':', StringComparison.Ordinal))
            {
                continue; // a configuration override for the host
            }

            options[key] = value;
        }

        try
        {
            return name switch
            {
                "create-admin" => CreateAdminCommand.From(new CommandOptions(name, options)),
                "verify-audit" => VerifyAuditCommand.From(new CommandOptions(name, options)),
                _ => ExportAuditCommand.From(new CommandOptions(name, options)),
            };
        }
        catch (FormatException invalid)
        {
            return new UsageErrorCommand(name, invalid.Message);
        }
    }

    /// <summary>Sends every console log line to standard error: standard output is an admin command's result.</summary>
    public static WebApplicationBuilder LogToStandardError(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder;
    }
}
