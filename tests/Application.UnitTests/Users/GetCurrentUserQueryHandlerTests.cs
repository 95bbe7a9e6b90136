using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Queries.GetCurrentUser;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class GetCurrentUserQueryHandlerTests
{
    private readonly UserPorts _ports = new();

    [Fact]
    public async Task TheSignedInUser_GetsTheirOwnAccount()
    {
        var user = _ports.Stored(UserRole.Manager);

        var me = await Handler(user.AsActor()).Handle(new GetCurrentUserQuery(), CancellationToken.None);

        Assert.Equal((user.Id, user.Email, UserRole.Manager), (me.Id, me.Email, me.Role));
    }

    [Fact]
    public async Task AValidTokenForAUserThatNoLongerExists_IsUnauthorized()
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Handler(Alice).Handle(new GetCurrentUserQuery(), CancellationToken.None));

        Assert.Equal("unauthorized", error.Code);
    }

    [Fact]
    public async Task AnAnonymousCaller_IsUnauthorized()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() => Handler(null).Handle(new GetCurrentUserQuery(), CancellationToken.None));
    }

    private GetCurrentUserQueryHandler Handler(Actor? actor) => new(_ports.Users.Object, SignedIn(actor), TestMapper.Instance);
}
