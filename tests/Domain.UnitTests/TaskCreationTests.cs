using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.People;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class TaskCreationTests
{
    private static readonly Guid Team = new("00000000-0000-0000-0000-0000000007ea");

    public static readonly TheoryData<string?> InvalidTitles = new()
    {
        string.Empty,
        "   ",
        "\t\n",
        null,
        new string('x', 201),
    };

    [Theory]
    [InlineData(true, TaskItemStatus.Draft)]
    [InlineData(false, TaskItemStatus.Pending)]
    public void Create_AsDraftOrNot_StartsInDraftOrPendingWithFirstAttemptAndNoOwner(bool asDraft, TaskItemStatus expected)
    {
        var task = TaskItem.Create("Title", "Details", TaskPriority.High, Clock.DueDate, asDraft, Creator, Clock.Created, Team);

        Assert.Equal(expected, task.Status);
        Assert.NotEqual(Guid.Empty, task.Id);
        Assert.Equal(("Title", "Details", TaskPriority.High, (DateTimeOffset?)Clock.DueDate), (task.Title, task.Description, task.Priority, task.DueDate));
        Assert.Equal((Creator.UserId, (Guid?)Team, Clock.Created, Clock.Created), (task.CreatedBy, task.TeamId, task.CreatedAt, task.UpdatedAt));
        Assert.Equal((1, (Guid?)null, (string?)null, (string?)null), (task.Run.AttemptCount, task.OwnerId, task.Result, task.FailureReason));
        Assert.Empty(task.History);
    }

    [Theory]
    [InlineData(true, TaskItemStatus.Draft)]
    [InlineData(false, TaskItemStatus.Pending)]
    public void Create_AnyTask_RaisesExactlyOneTaskCreated(bool asDraft, TaskItemStatus expected)
    {
        var task = TaskItem.Create("Title", null, TaskPriority.Normal, null, asDraft, Creator, Clock.Created);

        var raised = Assert.Single(task.DomainEvents);
        Assert.Equal(new TaskCreated(task.Id, expected, Creator.UserId, Clock.Created), raised);
    }

    [Fact]
    public void Create_TitleWithSurroundingWhitespace_StoresItTrimmed()
    {
        var task = TaskItem.Create("  \tWrite the notes \n", null, TaskPriority.Normal, null, false, Creator, Clock.Created);

        Assert.Equal("Write the notes", task.Title);
    }

    [Theory]
    [MemberData(nameof(InvalidTitles))]
    public void Create_TitleEmptyWhitespaceOrOver200Chars_IsRefusedAsInvalidTitle(string? title)
    {
        var error = Assert.Throws<DomainException>(() => TaskItem.Create(title!, null, TaskPriority.Normal, null, false, Creator, Clock.Created)).Error;

        Assert.Equal(("invalid_title", ErrorKind.Validation), (error.Code, error.Kind));
    }

    [Fact]
    public void Create_TitleOf200Chars_IsAccepted()
    {
        var title = new string('x', 200);

        Assert.Equal(title, TaskItem.Create(title, null, TaskPriority.Normal, null, false, Creator, Clock.Created).Title);
    }

    [Fact]
    public void Create_DescriptionOver10000Chars_IsRefusedAsInvalidDescription()
    {
        var error = Assert.Throws<DomainException>(
            () => TaskItem.Create("Title", new string('x', 10_001), TaskPriority.Normal, null, false, Creator, Clock.Created)).Error;

        Assert.Equal(("invalid_description", ErrorKind.Validation), (error.Code, error.Kind));
    }

    [Fact]
    public void Create_DescriptionOf10000Chars_IsAccepted()
    {
        var description = new string('x', 10_000);

        Assert.Equal(description, TaskItem.Create("Title", description, TaskPriority.Normal, null, false, Creator, Clock.Created).Description);
    }
}
