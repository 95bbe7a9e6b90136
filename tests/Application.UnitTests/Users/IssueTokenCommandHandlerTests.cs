using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.Application.Users.Sessions;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class IssueTokenCommandHandlerTests
{
    private readonly UserPorts _ports = new();
    private readonly Mock<IAccessTokenIssuer> _issuer = new();
    private readonly List<RefreshToken> _refreshTokens = [];
    private readonly List<Guid> _sessions = [];

    public IssueTokenCommandHandlerTests()
    {
        _issuer.Setup(issuer => issuer.Issue(It.IsAny<User>(), It.IsAny<Guid>()))
            .Callback<User, Guid>((_, session) => _sessions.Add(session))
            .Returns(new IssuedToken("signed.jwt.token", 900));
        _ports.RefreshTokens.Setup(repository => repository.Add(It.IsAny<RefreshToken>())).Callback<RefreshToken>(_refreshTokens.Add);
        _ports.Users.Setup(users => users.TryRecordSuccessfulSignInAsync(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    [Fact]
    public async Task TheRightPassword_GetsABearerToken_AndAStoredRefreshTokenOfTheSameSession()
    {
        var user = _ports.Stored();

        var token = await Handler().Handle(new IssueTokenCommand(user.Email, UserPorts.Password), CancellationToken.None);

        Assert.Equal(("signed.jwt.token", "Bearer", 900), (token.AccessToken, token.TokenType, token.ExpiresIn));
        Assert.Equal((int)SessionSettings.Default.RefreshTokenLifetime.TotalSeconds, token.RefreshTokenExpiresIn);
        var stored = Assert.Single(_refreshTokens);
        Assert.Equal((user.Id, RefreshTokenSecret.Hash(token.RefreshToken), Assert.Single(_sessions)), (stored.UserId, stored.TokenHash, stored.FamilyId));
        Assert.DoesNotContain(token.RefreshToken, stored.TokenHash, StringComparison.Ordinal);
        _issuer.Verify(issuer => issuer.Issue(user, It.IsAny<Guid>()), Times.Once);
        _ports.VerifySaved(1);
    }

    [Fact]
    public async Task AnUnknownEmail_IsInvalidCredentials_AndStillVerifiesAPassword_SoTheTimingMatches()
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() =>
            Handler().Handle(new IssueTokenCommand("nobody@example.com", UserPorts.Password), CancellationToken.None));

        Assert.Equal("invalid_credentials", error.Code);
        _ports.Hasher.Verify(hasher => hasher.Verify(null, UserPorts.Password), Times.Once);
        _issuer.VerifyNoOtherCalls();
        Assert.Empty(_refreshTokens);
        _ports.VerifySaved(0);
    }

    [Fact]
    public async Task AWrongPassword_IsTheSameRefusal_AndIsCountedByTheDatabase()
    {
        var user = _ports.Stored();

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() =>
            Handler().Handle(new IssueTokenCommand(user.Email, "wrong-password-entirely"), CancellationToken.None));

        Assert.Equal("invalid_credentials", error.Code);
        _ports.Hasher.Verify(hasher => hasher.Verify(user.PasswordHash, "wrong-password-entirely"), Times.Once);
        _ports.Users.Verify(users => users.RecordFailedSignInAsync(
            user.Id, Now, SessionSettings.Default.MaxFailedSignIns, SessionSettings.Default.LockoutDuration, It.IsAny<CancellationToken>()), Times.Once);
        _ports.Users.Verify(users => users.TryRecordSuccessfulSignInAsync(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _issuer.VerifyNoOtherCalls();
        Assert.Empty(_refreshTokens);
        _ports.VerifySaved(0);
    }

    [Fact]
    public async Task TheRightPassword_IsRefused_WhenAGuessSentAtTheSameTimeLockedTheAccount()
    {
        var user = _ports.Stored();
        _ports.Users.Setup(users => users.TryRecordSuccessfulSignInAsync(user.Id, Now, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() =>
            Handler().Handle(new IssueTokenCommand(user.Email, UserPorts.Password), CancellationToken.None));

        Assert.Equal("invalid_credentials", error.Code);
        _issuer.VerifyNoOtherCalls();
        Assert.Empty(_refreshTokens);
        _ports.VerifySaved(0);
    }

    [Fact]
    public async Task ADeactivatedAccount_IsTheSameRefusal_EvenWithTheRightPassword()
    {
        var user = _ports.Stored();
        user.Deactivate(Now);

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() =>
            Handler().Handle(new IssueTokenCommand(user.Email, UserPorts.Password), CancellationToken.None));

        Assert.Equal("invalid_credentials", error.Code);
        _issuer.VerifyNoOtherCalls();
    }

    private IssueTokenCommandHandler Handler()
    {
        var sessions = new SessionTokens(_ports.RefreshTokens.Object, _issuer.Object, SessionSettings.Default, _ports.Clock);
        return new IssueTokenCommandHandler(
            _ports.Users.Object, _ports.Hasher.Object, sessions, _ports.UnitOfWork.Object, SessionSettings.Default, _ports.Clock);
    }
}
