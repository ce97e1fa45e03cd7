using System.Threading.Channels;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Infrastructure.Webhooks;

/// <summary>A bounded one-slot channel: many notifications between two wake-ups collapse into one.</summary>
internal sealed class WebhookDeliverySignal : IWebhookDeliverySignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _channel.Reader.WaitToReadAsync(timeoutSource.Token);
            _channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a notification.
        }
    }
}
