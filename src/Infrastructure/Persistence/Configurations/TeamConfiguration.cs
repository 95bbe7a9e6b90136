using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("teams");
        builder.HasKey(team => team.Id);
        builder.Property(team => team.Id).ValueGeneratedNever();
        builder.Property(team => team.Version).IsRowVersion();
        builder.Property(team => team.Name).HasMaxLength(Team.NameMaxLength);
        builder.HasIndex(team => team.Name).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(team => team.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(team => team.DomainEvents);

        builder.OwnsMany(team => team.Members, members =>
        {
            members.ToTable("team_members");
            members.WithOwner().HasForeignKey(member => member.TeamId);
            members.HasKey(member => new { member.TeamId, member.UserId });
            members.HasOne<User>().WithMany().HasForeignKey(member => member.UserId).OnDelete(DeleteBehavior.Cascade);
            // Serves "which teams is this user in?", asked on every task read.
            members.HasIndex(member => member.UserId);
        });
        builder.Navigation(team => team.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
