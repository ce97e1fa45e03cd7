using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Behaviors;

/// <summary>Builds a failed <see cref="Result"/> or <see cref="Result{T}"/> where a behaviour only knows the response type.</summary>
internal static class FailedResult<TResponse>
{
    private static readonly Func<Error, TResponse>? Factory = Create();

    public static TResponse From(Error error) =>
        Factory is { } factory
            ? factory(error)
            : throw new InvalidOperationException($"{typeof(TResponse).Name} is not a Result: a message that can be refused must answer with Result or Result<T>.");

    private static Func<Error, TResponse>? Create()
    {
        if (typeof(TResponse) == typeof(Result))
        {
            return error => (TResponse)(object)Result.Failure(error);
        }

        if (typeof(TResponse).IsGenericType && typeof(TResponse).GetGenericTypeDefinition() == typeof(Result<>))
        {
            return typeof(TResponse).GetMethod(nameof(Result.Failure), [typeof(Error)])!.CreateDelegate<Func<Error, TResponse>>();
        }

        return null;
    }
}
