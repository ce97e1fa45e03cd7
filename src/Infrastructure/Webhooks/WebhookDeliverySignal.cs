using System.Threading.Channels;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Infrastructure.Webhooks;

/// <summary>A bounded one-slot channel: many notifications between two wake-ups collapse into one.</summary>
internal sealed class WebhookDeliverySignal : IWebhookDeliverySignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Completes at the next notification (at once if one is waiting), consuming it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _channel.Reader.WaitToReadAsync(cancellationToken);
        _channel.Reader.TryRead(out _);
    }
}
