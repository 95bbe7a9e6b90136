using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Application.Users.Sessions;
using TaskOrchestration.Application.Users.Commands.BootstrapAdmin;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.Application.Users.Commands.RegisterUser;
using TaskOrchestration.Application.Users.Queries.GetCurrentUser;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.People;

namespace TaskOrchestration.Application.UnitTests;

public sealed class UserHandlerTests
{
    private readonly Mock<IUserRepository> _users = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly Mock<IPasswordHasher> _hasher = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = new(Now);

    public UserHandlerTests()
    {
        _hasher.Setup(hasher => hasher.Hash(It.IsAny<string>())).Returns<string>(password => $"hashed:{password.Length}");
        _hasher.Setup(hasher => hasher.Verify(It.IsAny<string?>(), It.IsAny<string>()))
            .Returns<string?, string>((hash, password) => hash == $"hashed:{password.Length}" && password == "right-password");
    }

    [Fact]
    public async Task Register_StoresAHashedMember()
    {
        User? added = null;
        _users.Setup(users => users.Add(It.IsAny<User>())).Callback<User>(user => added = user);

        var dto = await Register().Handle(new RegisterUserCommand("Ada@Example.com", "right-password", "Ada"), CancellationToken.None);

        Assert.NotNull(added);
        Assert.Equal(("ada@example.com", UserRole.Member, "hashed:14"), (added.Email, added.Role, added.PasswordHash));
        Assert.Equal((added.Id, UserRole.Member), (dto.Id, dto.Role));
        _unitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Register_AnExistingEmail_IsAConflict_AndSavesNothing()
    {
        _users.Setup(users => users.FindByEmailAsync("ada@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(AUser());

        var error = await Assert.ThrowsAsync<ConflictException>(() => Register().Handle(new RegisterUserCommand("ada@example.com", "right-password", "Ada"), CancellationToken.None));

        Assert.Equal("email_already_registered", error.Code);
        _unitOfWork.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task IssueToken_ForTheRightPassword_ReturnsABearerToken()
    {
        var user = AUser();
        _users.Setup(users => users.FindByEmailAsync(user.Email, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        var issuer = Mock.Of<IAccessTokenIssuer>(tokens => tokens.Issue(user, It.IsAny<Guid>()) == new IssuedToken("signed.jwt.token", 900));
        var refreshTokens = new Mock<IRefreshTokenRepository>();
        RefreshToken? stored = null;
        refreshTokens.Setup(repository => repository.Add(It.IsAny<RefreshToken>())).Callback<RefreshToken>(token => stored = token);

        var token = await IssueToken(issuer, refreshTokens.Object).Handle(new IssueTokenCommand(user.Email, "right-password"), CancellationToken.None);

        Assert.Equal(("signed.jwt.token", "Bearer", 900), (token.AccessToken, token.TokenType, token.ExpiresIn));
        Assert.NotNull(stored);
        Assert.Equal(RefreshTokenSecret.Hash(token.RefreshToken), stored.TokenHash);
        Assert.NotEqual(token.RefreshToken, stored.TokenHash);
        Assert.Equal((int)SessionSettings.Default.RefreshTokenLifetime.TotalSeconds, token.RefreshTokenExpiresIn);
    }

    [Fact]
    public async Task IssueToken_ForAnUnknownEmail_StillVerifiesAPassword_SoTimingRevealsNothing()
    {
        var handler = IssueToken();

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => handler.Handle(new IssueTokenCommand("nobody@example.com", "right-password"), CancellationToken.None));

        Assert.Equal("invalid_credentials", error.Code);
        _hasher.Verify(hasher => hasher.Verify(null, "right-password"), Times.Once);
    }

    [Fact]
    public async Task IssueToken_ForAWrongPassword_IsTheSameRefusal()
    {
        var user = AUser();
        _users.Setup(users => users.FindByEmailAsync(user.Email, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        var handler = IssueToken();

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => handler.Handle(new IssueTokenCommand(user.Email, "wrong-password"), CancellationToken.None));

        Assert.Equal("invalid_credentials", error.Code);
        Assert.Equal(1, user.FailedSignInCount);
    }

    [Fact]
    public async Task IssueToken_AfterTooManyWrongPasswords_RefusesEvenTheRightOne_UntilTheLockoutEnds()
    {
        var user = AUser();
        _users.Setup(users => users.FindByEmailAsync(user.Email, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        var issuer = Mock.Of<IAccessTokenIssuer>(tokens => tokens.Issue(user, It.IsAny<Guid>()) == new IssuedToken("jwt", 900));
        var handler = IssueToken(issuer);
        for (var attempt = 0; attempt < SessionSettings.Default.MaxFailedSignIns; attempt++)
        {
            await Assert.ThrowsAsync<UnauthorizedException>(() => handler.Handle(new IssueTokenCommand(user.Email, "wrong-password"), CancellationToken.None));
        }

        await Assert.ThrowsAsync<UnauthorizedException>(() => handler.Handle(new IssueTokenCommand(user.Email, "right-password"), CancellationToken.None));

        _clock.Advance(SessionSettings.Default.LockoutDuration);
        Assert.Equal("jwt", (await handler.Handle(new IssueTokenCommand(user.Email, "right-password"), CancellationToken.None)).AccessToken);
    }

    [Fact]
    public async Task IssueToken_ForADeactivatedUser_IsRefused()
    {
        var user = AUser();
        user.Deactivate(Now);
        _users.Setup(users => users.FindByEmailAsync(user.Email, It.IsAny<CancellationToken>())).ReturnsAsync(user);

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => IssueToken().Handle(new IssueTokenCommand(user.Email, "right-password"), CancellationToken.None));

        Assert.Equal("invalid_credentials", error.Code);
    }

    [Fact]
    public async Task GetCurrentUser_ReturnsTheSignedInUser_AndRefusesAVanishedOne()
    {
        var user = AUser();
        _users.Setup(users => users.FindAsync(user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(user);

        var me = await new GetCurrentUserQueryHandler(_users.Object, SignedIn(user.AsActor()), TestMapper.Instance).Handle(new GetCurrentUserQuery(), CancellationToken.None);
        Assert.Equal(user.Id, me.Id);

        await Assert.ThrowsAsync<UnauthorizedException>(() =>
            new GetCurrentUserQueryHandler(_users.Object, SignedIn(Alice), TestMapper.Instance).Handle(new GetCurrentUserQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task BootstrapAdmin_CreatesPromotesOrLeavesAlone()
    {
        var handler = new BootstrapAdminCommandHandler(_users.Object, _unitOfWork.Object, _hasher.Object, _clock);
        var command = new BootstrapAdminCommand("admin@example.com", "right-password");

        Assert.Equal(BootstrapAdminOutcome.Created, await handler.Handle(command, CancellationToken.None));

        var member = User.Register("admin@example.com", "Admin", "hash", UserRole.Member, Now);
        _users.Setup(users => users.FindByEmailAsync("admin@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(member);
        Assert.Equal(BootstrapAdminOutcome.Promoted, await handler.Handle(command, CancellationToken.None));
        Assert.Equal(UserRole.Admin, member.Role);

        Assert.Equal(BootstrapAdminOutcome.Unchanged, await handler.Handle(command, CancellationToken.None));
        _unitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private IssueTokenCommandHandler IssueToken(IAccessTokenIssuer? issuer = null, IRefreshTokenRepository? refreshTokens = null)
    {
        var sessions = new SessionTokens(refreshTokens ?? Mock.Of<IRefreshTokenRepository>(), issuer ?? Mock.Of<IAccessTokenIssuer>(), SessionSettings.Default, _clock);
        return new IssueTokenCommandHandler(_users.Object, _hasher.Object, sessions, _unitOfWork.Object, SessionSettings.Default, _clock);
    }

    private RegisterUserCommandHandler Register() => new(_users.Object, _unitOfWork.Object, _hasher.Object, _clock, TestMapper.Instance);

    private static User AUser() => User.Register("ada@example.com", "Ada", "hashed:14", UserRole.Member, Now);
}
