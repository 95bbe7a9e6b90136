using Microsoft.Extensions.Time.Testing;
using Moq;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Support;

/// <summary>The mocked ports a task use case talks to, with a fake clock; nobody belongs to any team unless told.</summary>
internal sealed class TaskPorts
{
    public TaskPorts()
    {
        Teams.Setup(teams => teams.TeamIdsOfAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<Guid>());
    }

    public Mock<ITaskRepository> Tasks { get; } = new();

    public Mock<ITeamRepository> Teams { get; } = new();

    public Mock<IUnitOfWork> UnitOfWork { get; } = new();

    public FakeTimeProvider Clock { get; } = new(People.Now);

    public TaskAccess Access => new(Tasks.Object, Teams.Object);

    /// <summary>The repository finds <paramref name="task"/> by its id.</summary>
    public TaskItem Store(TaskItem task)
    {
        Tasks.Setup(repository => repository.FindAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(task);
        return task;
    }

    public void MemberOf(Actor actor, params Guid[] teamIds) =>
        Teams.Setup(teams => teams.TeamIdsOfAsync(actor.UserId, It.IsAny<CancellationToken>())).ReturnsAsync(teamIds.ToHashSet());

    public TaskChanges ChangesFor(Actor? actor) => new(Access, UnitOfWork.Object, People.SignedIn(actor), Clock, TestMapper.Instance);

    public void VerifySavedOnce() => UnitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);

    public void VerifyNothingSaved() => UnitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
}
