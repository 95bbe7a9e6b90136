using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Commands.ChangePassword;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class ChangePasswordCommandHandlerTests
{
    private readonly UserPorts _ports = new();

    [Fact]
    public async Task TheRightCurrentPassword_StoresTheNewHash_AndEndsEveryOtherSession()
    {
        var user = _ports.Stored();
        var session = Guid.NewGuid();

        await Handler(user, session).Handle(new ChangePasswordCommand(UserPorts.Password, "a-brand-new-password"), CancellationToken.None);

        Assert.Equal(FakePasswordHasher.HashOf("a-brand-new-password"), user.PasswordHash);
        _ports.VerifySaved(1);
        _ports.RefreshTokens.Verify(repository => repository.RevokeAllAsync(user.Id, session, Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AWrongCurrentPassword_IsAValidationFailure_AndChangesNothing()
    {
        var user = _ports.Stored();
        var hashBefore = user.PasswordHash;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Handler(user, Guid.NewGuid()).Handle(new ChangePasswordCommand("not-the-password", "a-brand-new-password"), CancellationToken.None));

        Assert.Equal(["currentPassword"], error.Errors.Keys);
        Assert.Equal(hashBefore, user.PasswordHash);
        _ports.VerifySaved(0);
        _ports.RefreshTokens.VerifyNoOtherCalls();
    }

    private ChangePasswordCommandHandler Handler(User user, Guid session) =>
        new(SignedIn(user.AsActor(), session), _ports.Users.Object, _ports.Hasher.Object, _ports.RefreshTokens.Object, _ports.UnitOfWork.Object, _ports.Clock);
}
