using RunnerTokens.Application.Runners.Common;

namespace RunnerTokens.Application.Runners.IssueRegistrationToken;

public sealed class IssueRegistrationTokenCommandValidator : RunnerRequestValidator<IssueRegistrationTokenCommand>;
