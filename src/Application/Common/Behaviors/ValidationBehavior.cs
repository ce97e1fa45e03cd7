using FluentValidation;
using Mediator;

namespace RunnerTokens.Application.Common.Behaviors;

/// <summary>Runs every FluentValidation validator of the message; any failure becomes a 400 problem.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (result.Errors.Count > 0)
            {
                (failures ??= []).AddRange(result.Errors);
            }
        }

        if (failures is not null)
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}
