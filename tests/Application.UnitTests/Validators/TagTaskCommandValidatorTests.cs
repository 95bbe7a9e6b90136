using FluentValidation.TestHelper;
using TaskOrchestration.Application.Tasks.Commands.TagTask;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Validators;

public sealed class TagTaskCommandValidatorTests
{
    private static readonly Guid TaskId = Guid.NewGuid();
    private readonly TagTaskCommandValidator _validator = new();

    [Fact]
    public void TagsOfLettersDigitsAndDashes_AreValid_AndSoIsNone()
    {
        _validator.TestValidate(new TagTaskCommand(TaskId, ["backend", "Q4-2026", new string('x', 40)])).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new TagTaskCommand(TaskId, [])).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("semi;colon")]
    public void AMalformedTag_IsRefused(string tag) =>
        _validator.TestValidate(new TagTaskCommand(TaskId, ["ok", tag])).ShouldHaveValidationErrorFor("tags[1]");

    [Fact]
    public void ATagOf41Characters_IsRefused() =>
        _validator.TestValidate(new TagTaskCommand(TaskId, [new string('x', 41)])).ShouldHaveValidationErrorFor("tags[0]");

    [Fact]
    public void MoreTagsThanTheMaximum_AreRefused() =>
        _validator.TestValidate(new TagTaskCommand(TaskId, [.. Enumerable.Range(0, TagName.MaxPerTask + 1).Select(index => $"tag-{index}")]))
            .ShouldHaveValidationErrorFor("tags");

    [Fact]
    public void AnEmptyTaskId_IsRefused() =>
        _validator.TestValidate(new TagTaskCommand(Guid.Empty, ["ok"])).ShouldHaveValidationErrorFor(command => command.TaskId);
}
