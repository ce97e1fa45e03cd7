namespace RunnerTokens.Domain.Teams;

/// <summary>One reason a policy cannot be saved.</summary>
/// <param name="Field">The offending field, with the index for list items (for example <c>allowedLabelPatterns[2]</c>).</param>
/// <param name="Code">Stable code (for example <c>label.reserved_by_github</c>, <c>pattern.unsupported</c>).</param>
/// <param name="Value">The offending value, shortened to 200 characters; null for whole-field problems.</param>
public sealed record LabelPolicyViolation(string Field, string Code, string Message, string? Value = null);
