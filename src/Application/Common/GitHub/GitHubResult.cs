using System.Diagnostics.CodeAnalysis;

namespace RunnerTokens.Application.Common.GitHub;

/// <summary>The outcome of a call to GitHub: a value, or a typed <see cref="GitHubFailure"/>.</summary>
public sealed class GitHubResult<T>
{
    private readonly T? _value;

    private GitHubResult(T? value, GitHubFailure? failure)
    {
        _value = value;
        Failure = failure;
    }

    public GitHubFailure? Failure { get; }

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Failure is null;

    /// <summary>The value; reading it from a failure is a bug.</summary>
    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"No value: the GitHub call failed with {Failure!.Kind}.");

    public static GitHubResult<T> Success(T value) => new(value, null);

    public static GitHubResult<T> Fail(GitHubFailure failure) => new(default, failure ?? throw new ArgumentNullException(nameof(failure)));

    public static implicit operator GitHubResult<T>(GitHubFailure failure) => Fail(failure);

    /// <summary>Carries this failure over to a result of another type.</summary>
    public GitHubResult<TOther> CastFailure<TOther>() =>
        GitHubResult<TOther>.Fail(Failure ?? throw new InvalidOperationException("The call succeeded; there is no failure to carry."));
}
