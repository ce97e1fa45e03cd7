using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RunnerTokens.Api.Errors;

/// <summary>
/// Rewrites binding errors (System.Text.Json and MVC model validation) in the wire's language: JSON field
/// names in camelCase (<c>policy.maxRunners</c>, <c>body</c> for the whole body), the JSON kind a field
/// takes and the allowed values of an enum, never a .NET type name, and no "field is required" entry for the
/// body parameter when the body itself could not be read.
/// </summary>
internal static partial class WireErrors
{
    public const string BodyField = "body";

    public static Dictionary<string, string[]> From(ModelStateDictionary modelState)
    {
        var raw = modelState
            .SelectMany(entry => (entry.Value?.Errors ?? []).Select(error => (entry.Key, Message: MessageOf(error))))
            .ToList();
        var bodyUnreadable = raw.Any(e => e.Key.StartsWith('$') || e.Key.Length == 0);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, message) in raw)
        {
            if (bodyUnreadable && RequiredField().IsMatch(message) && !key.StartsWith('$'))
            {
                continue; // the body parameter is "required" only because it could not be read: said already
            }

            foreach (var (field, text) in Translate(key, message))
            {
                if (!errors.TryGetValue(field, out var list))
                {
                    errors[field] = list = [];
                }

                if (!list.Contains(text, StringComparer.Ordinal))
                {
                    list.Add(text);
                }
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static string MessageOf(ModelError error) =>
        string.IsNullOrEmpty(error.ErrorMessage) ? error.Exception?.Message ?? "The value is invalid." : error.ErrorMessage;

    private static IEnumerable<(string Field, string Message)> Translate(string key, string message)
    {
        var field = FieldName(key);
        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var parent = field == BodyField ? string.Empty : field + ".";
            foreach (Match name in QuotedName().Matches(missing.Groups["names"].Value))
            {
                var property = parent + name.Groups["name"].Value;
                yield return (property, $"{property} is required.");
            }

            yield break;
        }

        if (NotConvertible().Match(message) is { Success: true } conversion)
        {
            var subject = field == BodyField ? "The body" : field;
            yield return (field, $"{subject} must be {Describe(MemberTypeName(conversion.Groups["type"].Value, field))}.");
            yield break;
        }

        if (RequiredField().Match(message) is { Success: true })
        {
            yield return field.Length == 0 || key.Length == 0
                ? (BodyField, "A JSON body is required.")
                : (field, $"{field} is required.");
            yield break;
        }

        if (JsonPosition().Match(message) is { Success: true } position)
        {
            var line = int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture) + 1;
            var column = int.Parse(position.Groups["byte"].Value, CultureInfo.InvariantCulture) + 1;
            var reason = message[..position.Index].TrimEnd().TrimEnd('.');
            yield return (BodyField, $"The body is not valid JSON: {reason} (line {line}, byte {column}).");
            yield break;
        }

        if (key.Length == 0 && message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            yield return (BodyField, "A JSON body is required.");
            yield break;
        }

        yield return (field, StripTypeNames(message));
    }

    /// <summary><c>$.policy.maxRunners</c> → <c>policy.maxRunners</c>; <c>$</c> or empty → <c>body</c>; PascalCase segments → camelCase.</summary>
    public static string FieldName(string key)
    {
        var path = key.StartsWith('$') ? key.TrimStart('$').TrimStart('.') : key;
        if (path.Length == 0)
        {
            return BodyField;
        }

        return string.Join('.', path.Split('.').Select(CamelCase));
    }

    public static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>
    /// The type actually expected at <paramref name="field"/>: a converter failing on a constructor parameter (an enum
    /// of a positional record) names the record, not the member, so look the member up on it.
    /// </summary>
    private static string MemberTypeName(string typeName, string field)
    {
        if (field == BodyField || field.Contains('.', StringComparison.Ordinal) || FindType(typeName) is not { } declaring
            || declaring.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return typeName;
        }

        var member = declaring.GetProperty(field, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
        if (member?.PropertyType.FullName is { } name && !name.Contains('[', StringComparison.Ordinal))
        {
            return name;
        }

        // A [Required] member refuses null (on the record's constructor parameter), so do not offer it.
        var refusesNull = declaring.GetConstructors().SelectMany(c => c.GetParameters())
            .Any(p => string.Equals(p.Name, member?.Name, StringComparison.OrdinalIgnoreCase) && p.IsDefined(typeof(System.ComponentModel.DataAnnotations.RequiredAttribute), inherit: false));
        return member is not null && Nullable.GetUnderlyingType(member.PropertyType) is { } inner
            ? refusesNull ? inner.FullName ?? typeName : $"System.Nullable`1[{inner.FullName}]"
            : typeName;
    }

    private static Type? FindType(string typeName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("RunnerTokens", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(typeName, throwOnError: false))
            .FirstOrDefault(t => t is not null);

    /// <summary>What a value of this .NET type looks like in JSON.</summary>
    private static string Describe(string typeName)
    {
        var nullable = NullableOf().Match(typeName);
        if (nullable.Success)
        {
            return Describe(nullable.Groups["inner"].Value) + " or null";
        }

        if (ElementOf(typeName) is { } element)
        {
            return "an array of " + Plural(element);
        }

        return typeName switch
        {
            "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" or "System.Byte" => "an integer",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.String" => "a string",
            "System.Guid" => "a UUID",
            "System.DateTimeOffset" or "System.DateTime" => "an ISO 8601 date-time",
            "System.TimeSpan" => "a duration (hh:mm:ss)",
            _ when FindEnum(typeName) is { } enumType => "one of: " + string.Join(", ", Enum.GetNames(enumType).Select(CamelCase)),
            _ => "a JSON object",
        };
    }

    private static string Plural(string elementType) => Describe(elementType) switch
    {
        "an integer" => "integers",
        "a number" => "numbers",
        "a string" => "strings",
        "a UUID" => "UUIDs",
        "true or false" => "booleans",
        "a JSON object" => "objects",
        var other => "values, each " + other,
    };

    private static string? ElementOf(string typeName)
    {
        if (typeName.EndsWith("[]", StringComparison.Ordinal))
        {
            return typeName[..^2];
        }

        var generic = GenericCollection().Match(typeName);
        return generic.Success ? generic.Groups["element"].Value : null;
    }

    private static Type? FindEnum(string typeName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("RunnerTokens", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(typeName, throwOnError: false))
            .FirstOrDefault(t => t is { IsEnum: true });

    private static string StripTypeNames(string message) => DotNetTypeName().Replace(message, "the value");

    [GeneratedRegex(@"^JSON deserialization for type '[^']+' was missing required properties,? including(?: the following)?: (?<names>.+?)\.?$", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"'(?<name>[^']+)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>\S+?)\. Path:")]
    private static partial Regex NotConvertible();

    [GeneratedRegex(@"^The (?<name>.+) field is required\.$")]
    private static partial Regex RequiredField();

    [GeneratedRegex(@"Path: \S* \| LineNumber: (?<line>\d+) \| BytePositionInLine: (?<byte>\d+)\.?$")]
    private static partial Regex JsonPosition();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"^System\.Collections\.Generic\.\w+`1\[(?<element>.+)\]$")]
    private static partial Regex GenericCollection();

    [GeneratedRegex(@"(?:System|RunnerTokens|Microsoft)(?:\.[\w`\[\],]+)+")]
    private static partial Regex DotNetTypeName();
}
