using FluentValidation.TestHelper;
using TaskOrchestration.Application.Users.Commands.ChangePassword;
using TaskOrchestration.Application.Users.Commands.ChangeUserRole;
using TaskOrchestration.Application.Users.Commands.DeactivateUser;
using TaskOrchestration.Application.Users.Commands.ReactivateUser;
using TaskOrchestration.Application.Users.Commands.RefreshSession;
using TaskOrchestration.Application.Users.Commands.UpdateProfile;
using TaskOrchestration.Application.Users.Queries.ListUsers;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.UnitTests.Validators;

/// <summary>The signed-in user's own account, their sessions, and the administration of users.</summary>
public sealed class AccountValidatorTests
{
    [Fact]
    public void ChangePassword_NeedsTheCurrentPassword_AndADifferentStrongNewOne()
    {
        var validator = new ChangePasswordCommandValidator();

        validator.TestValidate(new ChangePasswordCommand("old-password", "a-brand-new-password")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ChangePasswordCommand("", "a-brand-new-password")).ShouldHaveValidationErrorFor(command => command.CurrentPassword);
        validator.TestValidate(new ChangePasswordCommand("old-password", "short")).ShouldHaveValidationErrorFor(command => command.NewPassword);
        validator.TestValidate(new ChangePasswordCommand("the-same-password", "the-same-password"))
            .ShouldHaveValidationErrorFor(command => command.NewPassword)
            .WithErrorMessage("The new password must differ from the current one.");
    }

    [Fact]
    public void UpdateProfile_NeedsADisplayNameOfOneTo100Characters()
    {
        var validator = new UpdateProfileCommandValidator();

        validator.TestValidate(new UpdateProfileCommand("Ada")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new UpdateProfileCommand("  ")).ShouldHaveValidationErrorFor(command => command.DisplayName);
        validator.TestValidate(new UpdateProfileCommand(new string('n', 101))).ShouldHaveValidationErrorFor(command => command.DisplayName);
    }

    [Fact]
    public void RefreshSession_NeedsAToken_OfAtMost100Characters()
    {
        var validator = new RefreshSessionCommandValidator();

        validator.TestValidate(new RefreshSessionCommand("token")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new RefreshSessionCommand("")).ShouldHaveValidationErrorFor(command => command.RefreshToken);
        validator.TestValidate(new RefreshSessionCommand(new string('t', 101))).ShouldHaveValidationErrorFor(command => command.RefreshToken);
    }

    [Fact]
    public void UserAdministration_NeedsAUserId_AndADefinedRole()
    {
        new ChangeUserRoleCommandValidator().TestValidate(new ChangeUserRoleCommand(Guid.Empty, UserRole.Admin))
            .ShouldHaveValidationErrorFor(command => command.UserId);
        new ChangeUserRoleCommandValidator().TestValidate(new ChangeUserRoleCommand(Guid.NewGuid(), (UserRole)42))
            .ShouldHaveValidationErrorFor(command => command.Role);
        new DeactivateUserCommandValidator().TestValidate(new DeactivateUserCommand(Guid.Empty)).ShouldHaveValidationErrorFor(command => command.UserId);
        new ReactivateUserCommandValidator().TestValidate(new ReactivateUserCommand(Guid.Empty)).ShouldHaveValidationErrorFor(command => command.UserId);
    }

    [Fact]
    public void ListUsers_BoundsThePagingAndTheSearch()
    {
        var validator = new ListUsersQueryValidator();

        validator.TestValidate(new ListUsersQuery()).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListUsersQuery(Page: 0)).ShouldHaveValidationErrorFor(query => query.Page);
        validator.TestValidate(new ListUsersQuery(PageSize: 101)).ShouldHaveValidationErrorFor(query => query.PageSize);
        validator.TestValidate(new ListUsersQuery(Search: new string('x', 201))).ShouldHaveValidationErrorFor(query => query.Search);
        validator.TestValidate(new ListUsersQuery(Role: (UserRole)42)).ShouldHaveValidationErrorFor(query => query.Role);
    }
}
