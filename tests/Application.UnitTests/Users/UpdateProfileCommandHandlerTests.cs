using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Commands.UpdateProfile;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class UpdateProfileCommandHandlerTests
{
    private readonly UserPorts _ports = new();

    [Fact]
    public async Task TheDisplayName_IsChanged_AndSaved()
    {
        var user = _ports.Stored();

        var dto = await new UpdateProfileCommandHandler(SignedIn(user.AsActor()), _ports.Users.Object, _ports.UnitOfWork.Object, TestMapper.Instance)
            .Handle(new UpdateProfileCommand(" Ada L. "), CancellationToken.None);

        Assert.Equal(("Ada L.", "Ada L."), (user.DisplayName, dto.DisplayName));
        _ports.VerifySaved(1);
    }

    [Fact]
    public async Task AUserThatNoLongerExists_IsUnauthorized()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() =>
            new UpdateProfileCommandHandler(SignedIn(Alice), _ports.Users.Object, _ports.UnitOfWork.Object, TestMapper.Instance)
                .Handle(new UpdateProfileCommand("Ada"), CancellationToken.None));

        _ports.VerifySaved(0);
    }
}
