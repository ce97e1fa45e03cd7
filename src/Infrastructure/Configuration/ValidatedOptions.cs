using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunnerTokens.Infrastructure.Configuration;

/// <summary>
/// The one way settings are registered: bound from their section, checked by an <see cref="IValidateOptions{TOptions}"/>
/// whose messages name the setting to fix, and validated when the host starts.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, validated by <typeparamref name="TValidator"/> on start.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
    }

    /// <summary>
    /// For settings that decide which services are registered (the database provider, the token issuers): binds
    /// and validates them now, throwing the <see cref="OptionsValidationException"/> start-up validation would,
    /// and registers the same binding and validator for <see cref="IOptions{TOptions}"/> readers.
    /// </summary>
    public static TOptions BindValidatedNow<TOptions>(this IServiceCollection services, IConfiguration section, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        var options = section.Get<TOptions>() ?? new TOptions();
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }

        services.AddSingleton(validator);
        services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
        return options;
    }
}
