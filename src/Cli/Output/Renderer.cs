using System.Globalization;
using System.Text.Json;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RunnerTokens.Cli.Output;

/// <summary>
/// The one way commands write: aligned tables and field lists for people, the API's JSON with <c>--json</c>;
/// problems as title, detail and every violation (on standard error, or as the problem's JSON with <c>--json</c>);
/// a progress indicator on standard error only when a person is watching.
/// </summary>
public sealed class Renderer
{
    private readonly CliEnvironment _environment;

    public Renderer(CliEnvironment environment, bool json)
    {
        _environment = environment;
        Json = json;
    }

    /// <summary>True with <c>--json</c>: machine-readable output only.</summary>
    public bool Json { get; }

    public TextWriter Error => _environment.Error;

    /// <summary>A table of <paramref name="rows"/>; with <c>--json</c> the rows themselves, as an array.</summary>
    public void Table<T>(IReadOnlyCollection<T> rows, params Column<T>[] columns)
    {
        if (Json)
        {
            WriteJson(rows);
            return;
        }

        if (rows.Count == 0)
        {
            _environment.Out.WriteLine("(none)");
            return;
        }

        var table = new Table().Border(TableBorder.None).HideFooters();
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column.Header.ToUpperInvariant())) { Padding = new Padding(0, 0, 2, 0), NoWrap = true });
        }

        foreach (var row in rows)
        {
            table.AddRow(columns.Select(c => (IRenderable)new Text(c.Cell(row) ?? "-")));
        }

        // Plain text (no colours, no cursor codes), padded cells trimmed at the end of each line.
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = _environment.Width ?? (Console.IsOutputRedirected ? 200 : Console.WindowWidth);
        console.Write(table);
        foreach (var line in text.ToString().Split('\n'))
        {
            if (line.TrimEnd() is { Length: > 0 } trimmed)
            {
                _environment.Out.WriteLine(trimmed);
            }
        }
    }

    /// <summary>One object as "field: value" lines; with <c>--json</c> the object (<paramref name="value"/>) itself.</summary>
    public void Fields(object value, params (string Name, string? Value)[] fields)
    {
        if (Json)
        {
            WriteJson(value);
            return;
        }

        var width = fields.Max(f => f.Name.Length) + 2;
        foreach (var (name, text) in fields)
        {
            _environment.Out.WriteLine((name + ":").PadRight(width) + (string.IsNullOrEmpty(text) ? "-" : text));
        }
    }

    /// <summary>A sentence for people; with <c>--json</c>, <paramref name="value"/> (nothing when null).</summary>
    public void Done(string message, object? value = null)
    {
        if (Json)
        {
            if (value is not null)
            {
                WriteJson(value);
            }

            return;
        }

        _environment.Out.WriteLine(message);
    }

    /// <summary>Raw text to standard output (env lines, a run command, an export).</summary>
    public void Raw(string text) => _environment.Out.WriteLine(text);

    public void WriteJson(object? value) => _environment.Out.WriteLine(JsonSerializer.Serialize(value, CliJson.Options));

    /// <summary>The service's problem: title, status and code, detail, every violation and validation error, trace id.</summary>
    public void Problem(RunnerTokensProblemException problem)
    {
        if (Json)
        {
            WriteJson(problem.Problem is { } typed
                ? typed
                : new { title = problem.Title, status = (int)problem.Status, errorCode = problem.ErrorCode, detail = problem.Detail, traceId = problem.TraceId, violations = problem.Violations });
            return;
        }

        var error = _environment.Error;
        var code = problem.ErrorCode is null ? $"{(int)problem.Status}" : $"{(int)problem.Status} {problem.ErrorCode}";
        error.WriteLine($"error: {problem.Title} ({code})");
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            error.WriteLine($"  {problem.Detail}");
        }

        foreach (var violation in problem.Violations)
        {
            error.WriteLine(Violation(violation.Code, violation.Message, violation.Label, violation.RunnerGroupId, violation.Current, violation.Max));
        }

        foreach (var (field, messages) in problem.Problem?.Errors ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            foreach (var message in messages)
            {
                error.WriteLine($"  - {field}: {message}");
            }
        }

        if (problem.Problem is { Current: { } current, Max: { } max } && !problem.Violations.Any(v => v.Max is not null))
        {
            error.WriteLine($"  current {current.ToString(CultureInfo.InvariantCulture)}, max {max.ToString(CultureInfo.InvariantCulture)}");
        }

        if (problem.RetryAfter is { } retryAfter)
        {
            error.WriteLine($"  retry after {retryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }

        if (CliHint(problem.ErrorCode) is { } hint)
        {
            error.WriteLine($"  hint: {hint}");
        }

        if (problem.TraceId is not null)
        {
            error.WriteLine($"  trace id: {problem.TraceId}");
        }
    }

    /// <summary>The CLI's way to do what a problem's detail says in HTTP terms (the detail is written for every client).</summary>
    internal static string? CliHint(string? errorCode) => errorCode switch
    {
        "auth.team_role_required" =>
            "a maintainer or an administrator adds you: runnertokens members add TEAM USER-ID --role member (runnertokens whoami shows your id)",
        _ => null,
    };

    /// <summary>One violation line: code, what it is about (the label, the runner group, the quota's numbers), message.</summary>
    public static string Violation(string code, string message, string? label, long? runnerGroupId, int? current, int? max)
    {
        var subject = label is not null ? $" '{label}'"
            : runnerGroupId is { } group ? $" (runner group {group.ToString(CultureInfo.InvariantCulture)})"
            : current is { } c && max is { } m ? $" ({c.ToString(CultureInfo.InvariantCulture)} of {m.ToString(CultureInfo.InvariantCulture)})"
            : string.Empty;
        return $"  - {code}{subject}: {message}";
    }

    /// <summary>A failure without a problem (network, time-out, a message of the CLI itself), on standard error.</summary>
    public void Failure(string message) => _environment.Error.WriteLine($"error: {message}");

    /// <summary>
    /// Runs <paramref name="work"/> with a spinner and <paramref name="label"/> on standard error when a person is
    /// watching (an interactive terminal, not <c>--json</c>); silently otherwise. The work may update the label.
    /// </summary>
    public async Task<T> ProgressAsync<T>(string label, Func<Action<string>, Task<T>> work)
    {
        if (!_environment.Interactive || Json)
        {
            return await work(_ => { });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_environment.Error) });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(label), ctx => work(text => ctx.Status(Markup.Escape(text))));
    }

    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string List(IEnumerable<string>? values) => values is null || !values.Any() ? "-" : string.Join(",", values);

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
