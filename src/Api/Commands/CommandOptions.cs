using System.Globalization;

namespace RunnerTokens.Api.Commands;

/// <summary>The options given to one admin command; reading them checks them (a <see cref="FormatException"/> is a usage error).</summary>
public sealed class CommandOptions(string command, IReadOnlyDictionary<string, string?> options)
{
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public string? Text(string name)
    {
        _read.Add(name);
        if (!options.TryGetValue(name, out var value))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? throw new FormatException($"--{name} needs a value") : value;
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return options.TryGetValue(name, out var value) && (value is null || bool.Parse(value));
    }

    public long? Number(string name) =>
        Text(name) is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw new FormatException($"--{name} must be a whole number")
            : null;

    public DateTimeOffset? Time(string name) =>
        Text(name) is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw new FormatException($"--{name} must be an ISO 8601 date or time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z")
            : null;

    /// <summary>Call after reading every option the command knows: anything left over is a usage error.</summary>
    public void RejectUnknown()
    {
        var unknown = options.Keys.FirstOrDefault(k => !_read.Contains(k));
        if (unknown is not null)
        {
            throw new FormatException($"{command} has no option --{unknown}");
        }
    }
}
