using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Commands.SignOut;
using TaskOrchestration.Application.Users.Commands.SignOutEverywhere;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class SignOutCommandHandlerTests
{
    private readonly UserPorts _ports = new();

    [Fact]
    public async Task SignOut_RevokesTheCurrentSessionOnly()
    {
        var session = Guid.NewGuid();

        await new SignOutCommandHandler(SignedIn(Alice, session), _ports.RefreshTokens.Object, _ports.Clock)
            .Handle(new SignOutCommand(), CancellationToken.None);

        _ports.RefreshTokens.Verify(repository => repository.RevokeSessionAsync(Alice.UserId, session, Now, It.IsAny<CancellationToken>()), Times.Once);
        _ports.RefreshTokens.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SignOut_WithoutASession_RevokesNothing()
    {
        await new SignOutCommandHandler(SignedIn(Alice), _ports.RefreshTokens.Object, _ports.Clock).Handle(new SignOutCommand(), CancellationToken.None);

        _ports.RefreshTokens.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SignOutEverywhere_RevokesEverySessionOfTheUser()
    {
        await new SignOutEverywhereCommandHandler(SignedIn(Alice, Guid.NewGuid()), _ports.RefreshTokens.Object, _ports.Clock)
            .Handle(new SignOutEverywhereCommand(), CancellationToken.None);

        _ports.RefreshTokens.Verify(repository => repository.RevokeAllAsync(Alice.UserId, null, Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AnAnonymousCaller_IsUnauthorized_AndRevokesNothing()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() =>
            new SignOutCommandHandler(Anonymous, _ports.RefreshTokens.Object, _ports.Clock).Handle(new SignOutCommand(), CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedException>(() =>
            new SignOutEverywhereCommandHandler(Anonymous, _ports.RefreshTokens.Object, _ports.Clock)
                .Handle(new SignOutEverywhereCommand(), CancellationToken.None));

        _ports.RefreshTokens.VerifyNoOtherCalls();
    }
}
