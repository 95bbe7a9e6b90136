using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Register_NormalisesTheEmail_AndTrimsTheName()
    {
        var user = User.Register("  Ada@Example.COM ", " Ada ", "hash", UserRole.Member, Now);

        Assert.Equal(("ada@example.com", "Ada", UserRole.Member, Now), (user.Email, user.DisplayName, user.Role, user.CreatedAt));
        Assert.Equal(new Actor(user.Id, UserRole.Member), user.AsActor());
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    public void Register_WithAnInvalidEmail_IsRefused(string email)
    {
        Assert.Equal("invalid_email", Assert.Throws<DomainException>(() => User.Register(email, "Ada", "hash", UserRole.Member, Now)).Error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Register_WithoutADisplayName_IsRefused(string name)
    {
        Assert.Equal("invalid_display_name", Assert.Throws<DomainException>(() => User.Register("a@example.com", name, "hash", UserRole.Member, Now)).Error.Code);
    }

    [Fact]
    public void Register_WithAnOversizedDisplayName_IsRefused()
    {
        Assert.Throws<DomainException>(() => User.Register("a@example.com", new string('x', 101), "hash", UserRole.Member, Now));
    }
}
