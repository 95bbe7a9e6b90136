using TaskOrchestration.Application.Common.Behaviours;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Behaviours;

public sealed class AuthorizationBehaviourTests
{
    [RequiresRole(UserRole.Manager, UserRole.Admin)]
    public sealed record ForManagers;

    public sealed record ForAnyone;

    private int _nextCalls;

    [Fact]
    public async Task ARoleRestrictedRequest_IsForbiddenToOtherRoles_BeforeNextRuns()
    {
        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            new AuthorizationBehaviour<ForManagers, string>(SignedIn(Alice)).Handle(new ForManagers(), CancellationToken.None, Next));

        Assert.Equal("role_required", error.Code);
        Assert.Equal(0, _nextCalls);
    }

    [Fact]
    public async Task ARoleRestrictedRequest_IsUnauthorizedForAnAnonymousCaller()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() =>
            new AuthorizationBehaviour<ForManagers, string>(Anonymous).Handle(new ForManagers(), CancellationToken.None, Next));

        Assert.Equal(0, _nextCalls);
    }

    [Fact]
    public async Task ARoleRestrictedRequest_ReachesNextForEachListedRole()
    {
        await new AuthorizationBehaviour<ForManagers, string>(SignedIn(Maria)).Handle(new ForManagers(), CancellationToken.None, Next);
        await new AuthorizationBehaviour<ForManagers, string>(SignedIn(Root)).Handle(new ForManagers(), CancellationToken.None, Next);

        Assert.Equal(2, _nextCalls);
    }

    [Fact]
    public async Task ARequestWithoutARoleRule_ReachesNext_EvenAnonymously()
    {
        Assert.Equal("handled", await new AuthorizationBehaviour<ForAnyone, string>(Anonymous).Handle(new ForAnyone(), CancellationToken.None, Next));
    }

    private Task<string> Next()
    {
        _nextCalls++;
        return Task.FromResult("handled");
    }
}
