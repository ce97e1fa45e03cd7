using RunnerTokens.Api.Errors;

namespace RunnerTokens.Api.Controllers;

/// <summary>
/// The problem statuses this action answers besides the common ones every action has (400, 401, 429, 500);
/// <see cref="ProblemResponsesConvention"/> declares each as an <c>application/problem+json</c> response.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProducesProblemsAttribute(params int[] statuses) : Attribute
{
    public IReadOnlyList<int> Statuses { get; } = statuses;
}
