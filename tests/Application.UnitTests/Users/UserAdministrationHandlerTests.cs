using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Commands.ChangeUserRole;
using TaskOrchestration.Application.Users.Commands.DeactivateUser;
using TaskOrchestration.Application.Users.Commands.ReactivateUser;
using TaskOrchestration.Application.Users.Queries.ListUsers;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class UserAdministrationHandlerTests
{
    private readonly UserPorts _ports = new();

    [Fact]
    public async Task ChangeRole_GivesTheUserTheRole()
    {
        var user = _ports.Stored();

        var dto = await ChangeRole().Handle(new ChangeUserRoleCommand(user.Id, UserRole.Manager), CancellationToken.None);

        Assert.Equal((UserRole.Manager, UserRole.Manager), (user.Role, dto.Role));
        _ports.VerifySaved(1);
    }

    [Fact]
    public async Task ChangeRole_OfOneself_AwayFromAdmin_IsAConflict()
    {
        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            ChangeRole().Handle(new ChangeUserRoleCommand(Root.UserId, UserRole.Member), CancellationToken.None));

        Assert.Equal("cannot_demote_self", error.Code);
        _ports.VerifySaved(0);
    }

    [Fact]
    public async Task ChangeRole_OfAnUnknownUser_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            ChangeRole().Handle(new ChangeUserRoleCommand(Guid.NewGuid(), UserRole.Manager), CancellationToken.None));

        _ports.VerifySaved(0);
    }

    [Fact]
    public async Task Deactivate_MarksTheAccount_AndRevokesAllItsSessions()
    {
        var user = _ports.Stored();

        var dto = await Deactivate().Handle(new DeactivateUserCommand(user.Id), CancellationToken.None);

        Assert.Equal((Now, false), (user.DeactivatedAt, dto.IsActive));
        _ports.VerifySaved(1);
        _ports.RefreshTokens.Verify(repository => repository.RevokeAllAsync(user.Id, null, Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Deactivate_Oneself_IsAConflict()
    {
        var error = await Assert.ThrowsAsync<ConflictException>(() => Deactivate().Handle(new DeactivateUserCommand(Root.UserId), CancellationToken.None));

        Assert.Equal("cannot_deactivate_self", error.Code);
        _ports.RefreshTokens.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Reactivate_ReopensTheAccount()
    {
        var user = _ports.Stored();
        user.Deactivate(Now);

        var dto = await new ReactivateUserCommandHandler(_ports.Users.Object, _ports.UnitOfWork.Object, TestMapper.Instance)
            .Handle(new ReactivateUserCommand(user.Id), CancellationToken.None);

        Assert.True(user.IsActive);
        Assert.True(dto.IsActive);
        _ports.VerifySaved(1);
    }

    [Fact]
    public async Task ListUsers_MapsTheRepositorysPage()
    {
        var ada = _ports.Stored(email: "ada@example.com");
        var query = new ListUsersQuery(Page: 2, PageSize: 1);
        _ports.Users.Setup(users => users.ListAsync(query, It.IsAny<CancellationToken>())).ReturnsAsync(new Page<User>([ada], 2, 1, 3, HasMore: true));

        var page = await new ListUsersQueryHandler(_ports.Users.Object, TestMapper.Instance).Handle(query, CancellationToken.None);

        Assert.Equal([ada.Id], page.Items.Select(user => user.Id));
        Assert.Equal((2, 1, (int?)3, true), (page.Page, page.PageSize, page.TotalCount, page.HasMore));
    }

    private ChangeUserRoleCommandHandler ChangeRole() => new(_ports.Users.Object, _ports.UnitOfWork.Object, SignedIn(Root), _ports.Clock, TestMapper.Instance);

    private DeactivateUserCommandHandler Deactivate() =>
        new(_ports.Users.Object, _ports.RefreshTokens.Object, _ports.UnitOfWork.Object, SignedIn(Root), _ports.Clock, TestMapper.Instance);
}
