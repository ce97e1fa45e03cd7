using System.Collections;
using RunnerTokens.Application.Teams.EvaluateAdmission;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Web.Shared;

/// <summary>A use case's refusal as the dashboard shows it: the API's problem title and detail, and its errorCode.</summary>
public sealed record Problem(string Title, string Detail, string Code, IReadOnlyList<string> Items)
{
    public static Problem From(Error error) => new(TitleFor(error.Type), error.Message, error.Code, ItemsOf(error));

    public static string TitleFor(ErrorType type) => type switch
    {
        ErrorType.Validation => "The request is invalid.",
        ErrorType.Unauthenticated => "Authentication is required.",
        ErrorType.Forbidden => "The request is not allowed.",
        ErrorType.NotFound => "The resource was not found.",
        ErrorType.Conflict => "The request conflicts with the current state.",
        ErrorType.PreconditionFailed => "The precondition failed.",
        ErrorType.RateLimited => "Too many requests.",
        ErrorType.Upstream => "GitHub answered with an error.",
        ErrorType.Unavailable => "The service is temporarily unavailable.",
        _ => "An unexpected error occurred.",
    };

    /// <summary>Lists carried in the error's details (violations...), one line each.</summary>
    private static List<string> ItemsOf(Error error)
    {
        var items = new List<string>();
        foreach (var value in error.Details.Values)
        {
            if (value is IEnumerable list and not string)
            {
                items.AddRange(list.Cast<object?>().Select(Describe).Where(v => v.Length > 0));
            }
        }

        return items;
    }

    /// <summary>A violation with the label it is about, when it is about one.</summary>
    public static string Describe(AdmissionViolation violation) => Describe(violation.Label, violation.Message);

    /// <inheritdoc cref="Describe(AdmissionViolation)"/>
    public static string Describe(AdmissionViolationDto violation) => Describe(violation.Label, violation.Message);

    private static string Describe(string? label, string message) => label is not null ? $"{label}: {message}" : message;

    private static string Describe(object? item) => item switch
    {
        AdmissionViolation violation => Describe(violation),
        AdmissionViolationDto violation => Describe(violation),
        LabelPolicyViolation violation => violation.Message,
        null => string.Empty,
        _ => item.ToString() ?? string.Empty,
    };
}
