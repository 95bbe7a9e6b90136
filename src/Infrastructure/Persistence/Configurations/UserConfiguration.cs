using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    /// <summary>The unique index on email; its violation means "already registered".</summary>
    public const string EmailIndexName = "ix_users_email";

    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(user => user.Id);
        builder.Property(user => user.Id).ValueGeneratedNever();
        builder.Property(user => user.Version).IsRowVersion();
        builder.Property(user => user.Email).HasMaxLength(User.EmailMaxLength);
        builder.Property(user => user.DisplayName).HasMaxLength(User.DisplayNameMaxLength);
        builder.Property(user => user.PasswordHash).HasMaxLength(512);
        builder.HasIndex(user => user.Email).IsUnique().HasDatabaseName(EmailIndexName);
        builder.Ignore(user => user.DomainEvents);
        builder.Ignore(user => user.IsActive);
    }
}
