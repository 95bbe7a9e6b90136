using Microsoft.Extensions.Time.Testing;
using Moq;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.UnitTests.Support;

/// <summary>The mocked ports a user use case talks to, with a fake clock and a fake password hasher.</summary>
internal sealed class UserPorts
{
    public const string Password = "correct-horse-battery";

    public Mock<IUserRepository> Users { get; } = new();

    public Mock<IRefreshTokenRepository> RefreshTokens { get; } = new();

    public Mock<IUnitOfWork> UnitOfWork { get; } = new();

    public Mock<IPasswordHasher> Hasher { get; } = FakePasswordHasher.Create();

    public FakeTimeProvider Clock { get; } = new(People.Now);

    /// <summary>A registered user whose password is <see cref="Password"/>, found by id and by email.</summary>
    public User Stored(UserRole role = UserRole.Member, string email = "ada@example.com")
    {
        var user = User.Register(email, "Ada", FakePasswordHasher.HashOf(Password), role, People.Now);
        Users.Setup(users => users.FindAsync(user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        Users.Setup(users => users.FindByEmailAsync(email, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        return user;
    }

    public void VerifySaved(int times) => UnitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(times));
}
