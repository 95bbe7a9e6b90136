using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Commands.RefreshSession;
using TaskOrchestration.Application.Users.Sessions;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class RefreshSessionCommandHandlerTests
{
    private const string Secret = "the-refresh-token-the-client-holds";

    private readonly UserPorts _ports = new();
    private readonly Mock<IAccessTokenIssuer> _issuer = new();
    private readonly List<RefreshToken> _added = [];

    public RefreshSessionCommandHandlerTests()
    {
        _issuer.Setup(issuer => issuer.Issue(It.IsAny<User>(), It.IsAny<Guid>())).Returns(new IssuedToken("next.jwt", 900));
        _ports.RefreshTokens.Setup(repository => repository.Add(It.IsAny<RefreshToken>())).Callback<RefreshToken>(_added.Add);
    }

    [Fact]
    public async Task AUsableToken_IsUsedUp_AndReplacedByTheNextOfTheSameSession()
    {
        var user = _ports.Stored();
        var presented = StoredToken(user);

        var tokens = await Handler().Handle(new RefreshSessionCommand(Secret), CancellationToken.None);

        Assert.Equal(Now, presented.UsedAt);
        Assert.Equal("next.jwt", tokens.AccessToken);
        Assert.NotEqual(Secret, tokens.RefreshToken);
        var next = Assert.Single(_added);
        Assert.Equal((presented.FamilyId, RefreshTokenSecret.Hash(tokens.RefreshToken)), (next.FamilyId, next.TokenHash));
        _issuer.Verify(issuer => issuer.Issue(user, presented.FamilyId), Times.Once);
        _ports.VerifySaved(1);
    }

    [Fact]
    public async Task AnUnknownToken_IsRefused()
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Handler().Handle(new RefreshSessionCommand(Secret), CancellationToken.None));

        Assert.Equal("invalid_refresh_token", error.Code);
        _ports.VerifySaved(0);
    }

    [Fact]
    public async Task AUsedTokenPresentedAgain_EndsTheWholeSession()
    {
        var presented = StoredToken(_ports.Stored());
        presented.MarkUsed(Now);

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Handler().Handle(new RefreshSessionCommand(Secret), CancellationToken.None));

        Assert.Equal("refresh_token_reused", error.Code);
        _ports.RefreshTokens.Verify(repository => repository.RevokeSessionAsync(presented.UserId, presented.FamilyId, Now, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(_added);
        _ports.VerifySaved(0);
    }

    [Fact]
    public async Task AnExpiredToken_IsRefused()
    {
        StoredToken(_ports.Stored());
        _ports.Clock.Advance(SessionSettings.Default.RefreshTokenLifetime);

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Handler().Handle(new RefreshSessionCommand(Secret), CancellationToken.None));

        Assert.Equal("invalid_refresh_token", error.Code);
        Assert.Empty(_added);
    }

    [Fact]
    public async Task TheTokenOfADeactivatedUser_IsRefused()
    {
        var user = _ports.Stored();
        StoredToken(user);
        user.Deactivate(Now);

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Handler().Handle(new RefreshSessionCommand(Secret), CancellationToken.None));

        Assert.Equal("invalid_refresh_token", error.Code);
        Assert.Empty(_added);
    }

    private RefreshToken StoredToken(User user)
    {
        var token = RefreshToken.Issue(user.Id, Guid.NewGuid(), RefreshTokenSecret.Hash(Secret), Now, SessionSettings.Default.RefreshTokenLifetime);
        _ports.RefreshTokens.Setup(repository =>
            repository.FindByHashAsync(RefreshTokenSecret.Hash(Secret), It.IsAny<CancellationToken>())).ReturnsAsync(token);
        return token;
    }

    private RefreshSessionCommandHandler Handler()
    {
        var sessions = new SessionTokens(_ports.RefreshTokens.Object, _issuer.Object, SessionSettings.Default, _ports.Clock);
        return new RefreshSessionCommandHandler(_ports.RefreshTokens.Object, _ports.Users.Object, sessions, _ports.UnitOfWork.Object, _ports.Clock);
    }
}
