using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Commands.RegisterUser;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class RegisterUserCommandHandlerTests
{
    private readonly UserPorts _ports = new();

    [Fact]
    public async Task AnEmailAlreadyRegistered_IsAConflict_AndNothingIsAddedOrSaved()
    {
        _ports.Stored(email: "ada@example.com");

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            Handler().Handle(new RegisterUserCommand("ada@example.com", "another-long-password", "Ada"), CancellationToken.None));

        Assert.Equal("email_already_registered", error.Code);
        _ports.Users.Verify(users => users.Add(It.IsAny<User>()), Times.Never);
        _ports.VerifySaved(0);
    }

    [Fact]
    public async Task ANewEmail_StoresAMemberWithTheHashedPassword_NeverTheClearOne()
    {
        User? added = null;
        _ports.Users.Setup(users => users.Add(It.IsAny<User>())).Callback<User>(user => added = user);
        _ports.Clock.Advance(TimeSpan.FromDays(1));

        var dto = await Handler().Handle(new RegisterUserCommand("Ada@Example.com", "correct-horse-battery", " Ada "), CancellationToken.None);

        Assert.NotNull(added);
        Assert.Equal(FakePasswordHasher.HashOf("correct-horse-battery"), added.PasswordHash);
        Assert.DoesNotContain("correct-horse-battery", added.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(("ada@example.com", "Ada", UserRole.Member, Now.AddDays(1)), (added.Email, added.DisplayName, added.Role, added.CreatedAt));
        Assert.Equal((added.Id, "ada@example.com", UserRole.Member, true), (dto.Id, dto.Email, dto.Role, dto.IsActive));
        _ports.Hasher.Verify(hasher => hasher.Hash("correct-horse-battery"), Times.Once);
        _ports.VerifySaved(1);
    }

    private RegisterUserCommandHandler Handler() => new(_ports.Users.Object, _ports.UnitOfWork.Object, _ports.Hasher.Object, _ports.Clock, TestMapper.Instance);
}
