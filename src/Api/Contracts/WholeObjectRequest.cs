using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;

namespace RunnerTokens.Api.Contracts;

/// <summary>
/// A body that replaces a whole object (a PUT): every <c>required</c> member must be present, though it may be
/// null. The OpenAPI document lists them as required; instead of System.Text.Json's own check (whose message
/// names the .NET type and only the first few fields), each member records that it was sent and model
/// validation answers 400 naming every missing field.
/// </summary>
public abstract class WholeObjectRequest : IValidatableObject
{
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);

    /// <summary>Call from each required member's <c>init</c>: records that the body had it.</summary>
    protected T Sent<T>(T value, [CallerMemberName] string member = "")
    {
        _present.Add(member);
        return value;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.IsDefined(typeof(RequiredMemberAttribute)) && !_present.Contains(p.Name))
            .Select(p => new ValidationResult($"{Errors.WireErrors.CamelCase(p.Name)} is required (it may be null or empty, never left out).", [p.Name]));

    /// <summary>Leaves the presence check of <see cref="WholeObjectRequest"/> bodies to <see cref="Validate"/>.</summary>
    internal static void LetValidationReportMissingMembers(JsonTypeInfo typeInfo)
    {
        if (!typeInfo.Type.IsAssignableTo(typeof(WholeObjectRequest)))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            property.IsRequired = false;
        }
    }
}
