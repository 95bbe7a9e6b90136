using Moq;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Commands.RegisterUser;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class RegisterUserCommandHandlerTests
{
    private readonly UserPorts _ports = new();
    private readonly Mock<IEmailOutbox> _emails = new();

    [Fact]
    public async Task AnEmailAlreadyRegistered_AnswersLikeANewAccount_AddsNoUser_AndEmailsTheOwnerOnce()
    {
        var owner = _ports.Stored(email: "ada@example.com");
        var queued = new List<EmailMessage>();
        _emails.Setup(emails => emails.ExistingAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<Guid>());
        _emails.Setup(emails => emails.Enqueue(It.IsAny<EmailMessage>(), owner.Id)).Callback<EmailMessage, Guid?>((message, _) => queued.Add(message));

        var dto = await Handler().Handle(new RegisterUserCommand("ADA@example.com", "another-long-password", "Someone"), CancellationToken.None);

        // The answer has the shape of a new account, so it says nothing of the one that exists.
        Assert.NotEqual(owner.Id, dto.Id);
        Assert.Equal(("ada@example.com", "Someone", UserRole.Member, true, Now), (dto.Email, dto.DisplayName, dto.Role, dto.IsActive, dto.CreatedAt));
        _ports.Hasher.Verify(hasher => hasher.Hash("another-long-password"), Times.Once);
        _ports.Users.Verify(users => users.Add(It.IsAny<User>()), Times.Never);
        var email = Assert.Single(queued);
        Assert.Equal((DerivedIds.RegistrationAttemptEmail(owner.Id, DateOnly.FromDateTime(Now.UtcDateTime)), "ada@example.com"), (email.Id, email.To));
        _ports.VerifySaved(1);
    }

    [Fact]
    public async Task AnEmailAlreadyRegistered_WhoseOwnerWasToldToday_QueuesNothingMore()
    {
        var owner = _ports.Stored(email: "ada@example.com");
        _emails.Setup(emails => emails.ExistingAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new HashSet<Guid> { DerivedIds.RegistrationAttemptEmail(owner.Id, DateOnly.FromDateTime(Now.UtcDateTime)) });

        await Handler().Handle(new RegisterUserCommand("ada@example.com", "another-long-password", "Someone"), CancellationToken.None);

        _emails.Verify(emails => emails.Enqueue(It.IsAny<EmailMessage>(), It.IsAny<Guid?>()), Times.Never);
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

    private RegisterUserCommandHandler Handler() => new(_ports.Users.Object, _emails.Object, _ports.UnitOfWork.Object, _ports.Hasher.Object, _ports.Clock, TestMapper.Instance);
}
