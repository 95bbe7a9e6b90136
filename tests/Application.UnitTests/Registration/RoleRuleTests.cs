using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Schedules.Queries.ListSchedules;
using TaskOrchestration.Application.Tasks.Commands.AssignTask;
using TaskOrchestration.Application.Teams.Commands.CreateTeam;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Application.UnitTests.Tasks;
using TaskOrchestration.Application.Users.Queries.ListUsers;
using TaskOrchestration.Application.Webhooks.Commands.CreateWebhook;
using TaskOrchestration.Application.Webhooks.Commands.RotateWebhookSecret;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Registration;

/// <summary>
/// ADR 0011: a role rule lives on the request ([RequiresRole]) and the pipeline refuses other roles with 403
/// role_required before validation, lookups or the handler run.
/// </summary>
public sealed class RoleRuleTests
{
    public static TheoryData<string> ManagerOnlyRequests => new(Requests.Keys);

    private static readonly Dictionary<string, IBaseRequest> Requests = new(StringComparer.Ordinal)
    {
        [nameof(ListUsersQuery)] = new ListUsersQuery(Page: 0),
        [nameof(CreateTeamCommand)] = new CreateTeamCommand(""),
        [nameof(AssignTaskCommand)] = new AssignTaskCommand(Guid.NewGuid(), Add: Guid.NewGuid()),
        [nameof(CreateWebhookCommand)] = new CreateWebhookCommand("not a url", []),
        [nameof(RotateWebhookSecretCommand)] = new RotateWebhookSecretCommand(Guid.NewGuid()),
        [nameof(ListSchedulesQuery)] = new ListSchedulesQuery(),
    };

    [Theory]
    [MemberData(nameof(ManagerOnlyRequests))]
    public async Task ARequestForManagersOrAdmins_IsForbiddenToAMember_BeforeAnythingElseRuns(string request)
    {
        // Every user exists and every id finds a task everyone can see, so only the role rule can refuse.
        var tasks = new Mock<ITaskRepository>();
        tasks.Setup(repository => repository.FindAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync(SomeTasks.Pending(Bob));
        await using var services = ApplicationServices.Build(Alice, tasks.Object, users: TransitionCases.KnownUsers());
        await using var scope = services.CreateAsyncScope();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), Requests[request]));

        Assert.True(error is ForbiddenException { Code: "role_required" }, $"{request} sent by a member answered {error.GetType().Name}: {error.Message}");
    }

    private static Task SendAsync(IMediator mediator, IBaseRequest request) => request switch
    {
        ListUsersQuery query => mediator.Send(query),
        CreateTeamCommand command => mediator.Send(command),
        AssignTaskCommand command => mediator.Send(command),
        CreateWebhookCommand command => mediator.Send(command),
        RotateWebhookSecretCommand command => mediator.Send(command),
        ListSchedulesQuery query => mediator.Send(query),
        _ => throw new ArgumentOutOfRangeException(nameof(request)),
    };
}
