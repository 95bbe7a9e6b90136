using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.TaskBuilder;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class TaskCreationTests
{
    [Theory]
    [InlineData(true, TaskItemStatus.Draft)]
    [InlineData(false, TaskItemStatus.Pending)]
    public void Create_StartsAsDraftOrPending_AndRaisesTaskCreated(bool draft, TaskItemStatus expected)
    {
        var task = TaskItem.Create("  Title  ", "Details", TaskPriority.High, Later, draft, Creator, Now);

        Assert.Equal(expected, task.Status);
        Assert.Equal(("Title", "Details", TaskPriority.High, (DateTimeOffset?)Later), (task.Title, task.Description, task.Priority, task.DueDate));
        Assert.Equal((Creator.UserId, Now, Now, 1, (Guid?)null), (task.CreatedBy, task.CreatedAt, task.UpdatedAt, task.AttemptCount, task.OwnerId));
        Assert.NotEqual(Guid.Empty, task.Id);
        var created = Assert.IsType<TaskCreated>(Assert.Single(task.DomainEvents));
        Assert.Equal((task.Id, expected, Creator.UserId), (created.TaskId, created.Status, created.ActorId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Create_WithoutATitle_IsRefused(string? title)
    {
        var error = Assert.Throws<DomainException>(() => TaskItem.Create(title!, null, TaskPriority.Normal, null, false, Creator, Now)).Error;

        Assert.Equal(("invalid_title", ErrorKind.Validation), (error.Code, error.Kind));
    }

    [Fact]
    public void Create_WithTitleAndDescriptionAtTheirLimits_Succeeds_AndOnePastIsRefused()
    {
        TaskItem.Create(new string('x', 200), new string('x', 10_000), TaskPriority.Normal, null, false, Creator, Now);

        Assert.Equal("invalid_title", Assert.Throws<DomainException>(() => TaskItem.Create(new string('x', 201), null, TaskPriority.Normal, null, false, Creator, Now)).Error.Code);
        Assert.Equal("invalid_description", Assert.Throws<DomainException>(() => TaskItem.Create("ok", new string('x', 10_001), TaskPriority.Normal, null, false, Creator, Now)).Error.Code);
    }

    [Fact]
    public void Update_ChangesOnlyTheGivenFields_AndRaisesTaskUpdated()
    {
        var task = TaskItem.Create("Title", "Details", TaskPriority.Low, Later, false, Creator, Now);
        task.ClearDomainEvents();

        task.Update(null, null, TaskPriority.Critical, null, false, Creator, Later);

        Assert.Equal(("Title", "Details", TaskPriority.Critical, (DateTimeOffset?)Later, Later), (task.Title, task.Description, task.Priority, task.DueDate, task.UpdatedAt));
        Assert.IsType<TaskUpdated>(Assert.Single(task.DomainEvents));
    }

    [Fact]
    public void Update_WithClearDueDate_RemovesIt()
    {
        var task = TaskItem.Create("Title", null, TaskPriority.Low, Later, false, Creator, Now);

        task.Update(null, null, null, null, true, Creator, Later);

        Assert.Null(task.DueDate);
    }

    [Theory]
    [InlineData(TaskItemStatus.Done)]
    [InlineData(TaskItemStatus.Cancelled)]
    public void Update_OfAClosedTask_IsRefused(TaskItemStatus status)
    {
        var task = InStatus(status);

        var error = Assert.Throws<DomainException>(() => task.Update("Renamed", null, null, null, false, Creator, Later)).Error;

        Assert.Equal("task_closed", error.Code);
        Assert.Equal("Write the release notes", task.Title);
    }

    [Fact]
    public void Update_WithAnInvalidTitle_ChangesNothing()
    {
        var task = InStatus(TaskItemStatus.Pending);

        Assert.Throws<DomainException>(() => task.Update(" ", "New details", TaskPriority.High, null, false, Creator, Later));

        Assert.Equal(("Write the release notes", (string?)null, TaskPriority.Normal), (task.Title, task.Description, task.Priority));
    }
}
