using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class UserTests
{
    private const string Suffix = "@example.com";

    public static readonly TheoryData<string?> InvalidEmails = new()
    {
        string.Empty,
        "   ",
        null,
        "no-at-sign.example.com",
        new string('a', 255 - Suffix.Length) + Suffix,
    };

    public static readonly TheoryData<string?> InvalidDisplayNames = new()
    {
        string.Empty,
        "   ",
        null,
        new string('x', 101),
    };

    [Fact]
    public void Register_ValidInput_NormalisesEmailTrimsNameAndStartsActive()
    {
        var user = User.Register("  Ada.Lovelace@Example.COM \t", "  Ada Lovelace ", "hash", UserRole.Manager, Clock.Created);

        Assert.Equal(("ada.lovelace@example.com", "Ada Lovelace", "hash"), (user.Email, user.DisplayName, user.PasswordHash));
        Assert.Equal((UserRole.Manager, Clock.Created, true), (user.Role, user.CreatedAt, user.IsActive));
        Assert.NotEqual(Guid.Empty, user.Id);
    }

    [Fact]
    public void AsActor_RegisteredUser_CarriesIdAndRole()
    {
        var user = User.Register("ada@example.com", "Ada", "hash", UserRole.Admin, Clock.Created);

        Assert.Equal(new Actor(user.Id, UserRole.Admin), user.AsActor());
    }

    [Fact]
    public void NormaliseEmail_MixedCaseWithSurroundingSpaces_ReturnsTrimmedLowerCase()
    {
        Assert.Equal("ada@example.com", User.NormaliseEmail(" ADA@Example.Com  "));
    }

    [Theory]
    [MemberData(nameof(InvalidEmails))]
    public void Register_EmailEmptyWithoutAtSignOrOver254Chars_IsRefusedAsInvalidEmail(string? email)
    {
        var error = Assert.Throws<DomainException>(() => User.Register(email!, "Ada", "hash", UserRole.Member, Clock.Created)).Error;

        Assert.Equal(("invalid_email", ErrorKind.Validation), (error.Code, error.Kind));
    }

    [Fact]
    public void Register_EmailOf254Chars_IsAccepted()
    {
        var email = new string('a', 254 - Suffix.Length) + Suffix;

        Assert.Equal(email, User.Register(email, "Ada", "hash", UserRole.Member, Clock.Created).Email);
    }

    [Theory]
    [MemberData(nameof(InvalidDisplayNames))]
    public void Register_DisplayNameEmptyOrOver100Chars_IsRefusedAsInvalidDisplayName(string? displayName)
    {
        var error = Assert.Throws<DomainException>(() => User.Register("ada@example.com", displayName!, "hash", UserRole.Member, Clock.Created)).Error;

        Assert.Equal(("invalid_display_name", ErrorKind.Validation), (error.Code, error.Kind));
    }

    [Fact]
    public void Register_DisplayNameOf100Chars_IsAccepted()
    {
        var name = new string('x', 100);

        Assert.Equal(name, User.Register("ada@example.com", name, "hash", UserRole.Member, Clock.Created).DisplayName);
    }

    [Fact]
    public void ChangeRole_ToAnotherRole_RaisesAccessChanged_AndToTheSameRole_Nothing()
    {
        var user = User.Register("ada@example.com", "Ada", "hash", UserRole.Manager, Clock.Created);

        user.ChangeRole(UserRole.Manager, Clock.Created.AddMinutes(1));
        user.ChangeRole(UserRole.Member, Clock.Created.AddMinutes(2));

        Assert.Equal(UserRole.Member, user.Role);
        Assert.Equal([new UserAccessChanged(user.Id, Clock.Created.AddMinutes(2))], user.DomainEvents);
    }

    [Fact]
    public void Deactivate_AnActiveUser_RaisesAccessChanged_Once()
    {
        var user = User.Register("ada@example.com", "Ada", "hash", UserRole.Member, Clock.Created);

        user.Deactivate(Clock.Created.AddMinutes(1));
        user.Deactivate(Clock.Created.AddMinutes(2));

        Assert.Equal((false, (DateTimeOffset?)Clock.Created.AddMinutes(1)), (user.IsActive, user.DeactivatedAt));
        Assert.Equal([new UserAccessChanged(user.Id, Clock.Created.AddMinutes(1))], user.DomainEvents);
    }
}
