using Moq;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.Users.Commands.BootstrapAdmin;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Users;

public sealed class BootstrapAdminCommandHandlerTests
{
    private readonly UserPorts _ports = new();

    [Fact]
    public async Task NoAccount_CreatesAnAdminWithTheHashedPassword()
    {
        User? added = null;
        _ports.Users.Setup(users => users.Add(It.IsAny<User>())).Callback<User>(user => added = user);

        var outcome = await Handler().Handle(new BootstrapAdminCommand("Root@Example.com", "a-long-admin-password"), CancellationToken.None);

        Assert.Equal(BootstrapAdminOutcome.Created, outcome);
        Assert.NotNull(added);
        Assert.Equal(
            ("root@example.com", UserRole.Admin, FakePasswordHasher.HashOf("a-long-admin-password"), Now),
            (added.Email, added.Role, added.PasswordHash, added.CreatedAt));
        _ports.VerifySaved(1);
    }

    [Fact]
    public async Task AnExistingMember_IsPromoted_AndKeepsTheirPassword()
    {
        var member = _ports.Stored(UserRole.Member, "root@example.com");
        var hashBefore = member.PasswordHash;

        var outcome = await Handler().Handle(new BootstrapAdminCommand("root@example.com", "a-long-admin-password"), CancellationToken.None);

        Assert.Equal(BootstrapAdminOutcome.Promoted, outcome);
        Assert.Equal((UserRole.Admin, hashBefore), (member.Role, member.PasswordHash));
        _ports.Users.Verify(users => users.Add(It.IsAny<User>()), Times.Never);
        _ports.VerifySaved(1);
    }

    [Fact]
    public async Task AnExistingAdmin_IsLeftUnchanged_AndNothingIsSaved()
    {
        _ports.Stored(UserRole.Admin, "root@example.com");

        var outcome = await Handler().Handle(new BootstrapAdminCommand("root@example.com", "a-long-admin-password"), CancellationToken.None);

        Assert.Equal(BootstrapAdminOutcome.Unchanged, outcome);
        _ports.Users.Verify(users => users.Add(It.IsAny<User>()), Times.Never);
        _ports.Hasher.Verify(hasher => hasher.Hash(It.IsAny<string>()), Times.Never);
        _ports.VerifySaved(0);
    }

    private BootstrapAdminCommandHandler Handler() => new(_ports.Users.Object, _ports.UnitOfWork.Object, _ports.Hasher.Object, _ports.Clock);
}
