using FluentValidation.TestHelper;
using TaskOrchestration.Application.Teams.Commands.AddTeamMember;
using TaskOrchestration.Application.Teams.Commands.CreateTeam;
using TaskOrchestration.Application.Teams.Commands.RemoveTeamMember;
using TaskOrchestration.Application.Teams.Queries.GetTeam;

namespace TaskOrchestration.Application.UnitTests.Validators;

public sealed class TeamValidatorTests
{
    [Fact]
    public void CreateTeam_NeedsANameOfOneTo100Characters()
    {
        var validator = new CreateTeamCommandValidator();

        validator.TestValidate(new CreateTeamCommand("Platform")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new CreateTeamCommand(" ")).ShouldHaveValidationErrorFor(command => command.Name);
        validator.TestValidate(new CreateTeamCommand(new string('n', 101))).ShouldHaveValidationErrorFor(command => command.Name);
    }

    [Fact]
    public void Membership_NeedsATeamAndAUser()
    {
        new AddTeamMemberCommandValidator().TestValidate(new AddTeamMemberCommand(Guid.Empty, Guid.NewGuid()))
            .ShouldHaveValidationErrorFor(command => command.TeamId).Only();
        new AddTeamMemberCommandValidator().TestValidate(new AddTeamMemberCommand(Guid.NewGuid(), Guid.Empty))
            .ShouldHaveValidationErrorFor(command => command.UserId);
        new RemoveTeamMemberCommandValidator().TestValidate(new RemoveTeamMemberCommand(Guid.Empty, Guid.NewGuid()))
            .ShouldHaveValidationErrorFor(command => command.TeamId);
        new RemoveTeamMemberCommandValidator().TestValidate(new RemoveTeamMemberCommand(Guid.NewGuid(), Guid.Empty))
            .ShouldHaveValidationErrorFor(command => command.UserId);
    }

    [Fact]
    public void GetTeam_NeedsAnId() =>
        new GetTeamQueryValidator().TestValidate(new GetTeamQuery(Guid.Empty)).ShouldHaveValidationErrorFor(query => query.TeamId);
}
