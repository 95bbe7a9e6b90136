using TaskOrchestration.Application.Teams;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Mapping;

public sealed class UserAndTeamMappingTests
{
    [Fact]
    public void AUser_IsMappedWithoutAnythingSecret()
    {
        var user = User.Register("Ada@Example.com", "Ada", "secret-hash", UserRole.Manager, Now);

        var dto = TestMapper.Instance.Map<UserDto>(user);

        Assert.Equal(
            (user.Id, "ada@example.com", "Ada", UserRole.Manager, Now, true),
            (dto.Id, dto.Email, dto.DisplayName, dto.Role, dto.CreatedAt, dto.IsActive));
        Assert.DoesNotContain(typeof(UserDto).GetProperties(), property => property.Name.Contains("Password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ADeactivatedUser_IsMappedAsInactive()
    {
        var user = User.Register("ada@example.com", "Ada", "secret-hash", UserRole.Member, Now);
        user.Deactivate(Now);

        Assert.False(TestMapper.Instance.Map<UserDto>(user).IsActive);
    }

    [Fact]
    public void ATeam_ListsItsMembersIds()
    {
        var team = Team.Create("Platform", Maria, Now);
        team.AddMember(Alice.UserId, Now);
        team.AddMember(Bob.UserId, Now);

        var dto = TestMapper.Instance.Map<TeamDto>(team);

        Assert.Equal((team.Id, "Platform", Now), (dto.Id, dto.Name, dto.CreatedAt));
        Assert.Equal([Alice.UserId, Bob.UserId], dto.MemberIds);
    }
}
