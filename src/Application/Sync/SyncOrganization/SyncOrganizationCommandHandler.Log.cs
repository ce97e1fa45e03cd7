using Microsoft.Extensions.Logging;

namespace RunnerTokens.Application.Sync.SyncOrganization;

/// <summary>The handler's outcome per runner and its log messages.</summary>
public sealed partial class SyncOrganizationCommandHandler
{
    private enum Applied
    {
        Nothing,

        /// <summary>Only an audit record (a failed removal) to save; the runner is unchanged.</summary>
        AuditOnly,
        Changed,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Organization} yielded: rate-limit budget below the reserve for {RetryAfter}")]
    private static partial void LogYielded(ILogger logger, string organization, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync could not save runner {RunnerId}")]
    private static partial void LogSaveFailed(ILogger logger, Guid runnerId, Exception exception);
}
