using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.DeliveryId).HasMaxLength(100).IsRequired();
        builder.Property(d => d.Event).HasMaxLength(100).IsRequired();
        builder.Property(d => d.Action).HasMaxLength(100);
        builder.Property(d => d.Payload).IsRequired();
        builder.Property(d => d.PayloadSha256).HasMaxLength(64);
        builder.Property(d => d.Outcome).HasMaxLength(500);

        // Idempotency: GitHub redelivers with the same id; the second insert fails here.
        builder.HasIndex(d => d.DeliveryId).IsUnique();
        // Replays: the same body under a new delivery id fails here too (rows older than the column hold null).
        builder.HasIndex(d => d.PayloadSha256).IsUnique();
        builder.HasIndex(d => new { d.Status, d.ReceivedAt });
    }
}
