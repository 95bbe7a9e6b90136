using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKeyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyKeyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(record => new { record.UserId, record.Scope, record.Key });
        builder.Property(record => record.Scope).HasMaxLength(100);
        builder.Property(record => record.Key).HasMaxLength(255);
        builder.Property(record => record.RequestFingerprint).HasMaxLength(64);
        builder.Property(record => record.Answer).HasColumnType("text");
        builder.HasIndex(record => record.ExpiresAt);
        builder.HasOne<User>().WithMany().HasForeignKey(record => record.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
