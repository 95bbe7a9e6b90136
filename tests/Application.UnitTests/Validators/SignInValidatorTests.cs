using FluentValidation.TestHelper;
using TaskOrchestration.Application.Users.Commands.BootstrapAdmin;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.Application.Users.Commands.RegisterUser;

namespace TaskOrchestration.Application.UnitTests.Validators;

/// <summary>Registration, sign-in and the bootstrap admin: email and password rules.</summary>
public sealed class SignInValidatorTests
{
    private const string GoodPassword = "correct-horse-battery";

    [Fact]
    public void Register_AFullCommand_IsValid() =>
        new RegisterUserCommandValidator().TestValidate(new RegisterUserCommand("ada@example.com", GoodPassword, "Ada")).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    public void Register_AnInvalidEmail_IsRefused(string email) =>
        new RegisterUserCommandValidator().TestValidate(new RegisterUserCommand(email, GoodPassword, "Ada"))
            .ShouldHaveValidationErrorFor(command => command.Email);

    [Fact]
    public void Register_AnEmailOver254Characters_IsRefused() =>
        new RegisterUserCommandValidator().TestValidate(new RegisterUserCommand(new string('a', 243) + "@example.com", GoodPassword, "Ada"))
            .ShouldHaveValidationErrorFor(command => command.Email);

    [Theory]
    [InlineData("")]
    [InlineData("eleven-char")]
    public void Register_APasswordUnder12Characters_IsRefused(string password) =>
        new RegisterUserCommandValidator().TestValidate(new RegisterUserCommand("ada@example.com", password, "Ada"))
            .ShouldHaveValidationErrorFor(command => command.Password);

    [Fact]
    public void Register_APasswordOf12To128Characters_IsAccepted_But129AreNot()
    {
        var validator = new RegisterUserCommandValidator();

        validator.TestValidate(new RegisterUserCommand("ada@example.com", new string('p', 12), "Ada"))
            .ShouldNotHaveValidationErrorFor(command => command.Password);
        validator.TestValidate(new RegisterUserCommand("ada@example.com", new string('p', 128), "Ada"))
            .ShouldNotHaveValidationErrorFor(command => command.Password);
        validator.TestValidate(new RegisterUserCommand("ada@example.com", new string('p', 129), "Ada"))
            .ShouldHaveValidationErrorFor(command => command.Password);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    public void Register_ABlankDisplayName_IsRefused(string name) =>
        new RegisterUserCommandValidator().TestValidate(new RegisterUserCommand("ada@example.com", GoodPassword, name))
            .ShouldHaveValidationErrorFor(command => command.DisplayName);

    [Fact]
    public void Register_ADisplayNameOf101Characters_IsRefused() =>
        new RegisterUserCommandValidator().TestValidate(new RegisterUserCommand("ada@example.com", GoodPassword, new string('n', 101)))
            .ShouldHaveValidationErrorFor(command => command.DisplayName);

    [Fact]
    public void IssueToken_NeedsAnEmailAndAPassword_ButNotAStrongOne()
    {
        var validator = new IssueTokenCommandValidator();

        validator.TestValidate(new IssueTokenCommand("ada@example.com", "short")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new IssueTokenCommand("", "short")).ShouldHaveValidationErrorFor(command => command.Email);
        validator.TestValidate(new IssueTokenCommand("ada@example.com", "")).ShouldHaveValidationErrorFor(command => command.Password);
        validator.TestValidate(new IssueTokenCommand("ada@example.com", new string('p', 129))).ShouldHaveValidationErrorFor(command => command.Password);
    }

    [Fact]
    public void BootstrapAdmin_NeedsAValidEmailAndAStrongPassword()
    {
        var validator = new BootstrapAdminCommandValidator();

        validator.TestValidate(new BootstrapAdminCommand("root@example.com", GoodPassword)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new BootstrapAdminCommand("root", GoodPassword)).ShouldHaveValidationErrorFor(command => command.Email);
        validator.TestValidate(new BootstrapAdminCommand("root@example.com", "short")).ShouldHaveValidationErrorFor(command => command.Password);
    }
}
