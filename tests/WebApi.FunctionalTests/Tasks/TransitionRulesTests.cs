using System.Net;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

/// <summary>
/// The lifecycle as a table, checked over HTTP for every status and every action. The caller is an admin who created
/// and took the task, so no permission rule can refuse: whatever is refused is refused by the status alone.
/// </summary>
public sealed class TransitionRulesTests(ApiFactory factory) : ApiTestBase(factory)
{
    private static readonly string[] Actions = ["publish", "take", "complete", "fail", "release", "retry", "cancel"];

    /// <summary>What the lifecycle permits from each status (the specification, written out independently of the code).</summary>
    private static readonly Dictionary<string, string[]> Permitted = new(StringComparer.Ordinal)
    {
        ["draft"] = ["publish", "cancel"],
        ["pending"] = ["take", "cancel"],
        ["running"] = ["complete", "fail", "release", "cancel"],
        ["done"] = [],
        ["failed"] = ["retry"],
        ["cancelled"] = [],
        // Cancelled after someone took it: it keeps its owner, yet it is closed, not "already taken".
        ["cancelled while running"] = [],
    };

    /// <summary>Statuses in which someone holds the task: another take is "already taken" rather than an invalid transition.</summary>
    private static readonly HashSet<string> Held = new(StringComparer.Ordinal) { "running", "done", "failed" };

    public static TheoryData<string> Statuses => new(Permitted.Keys);

    public static TheoryData<string, string, string> ForbiddenTransitions
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (status, permitted) in Permitted)
            {
                foreach (var action in Actions.Except(permitted))
                {
                    data.Add(status, action, action == "take" && Held.Contains(status) ? "task_already_taken" : "invalid_transition");
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task AllowedActions_AreExactlyWhatTheLifecyclePermits(string status)
    {
        var admin = await SignUpAsync("admin");
        var task = await BringToAsync(admin, status);

        var expected = Permitted[status].Select(Parse);
        Assert.Equal(expected, task.AllowedActions);
        Assert.Equal(expected, (await GetTaskAsync(admin, task.Id)).AllowedActions);
    }

    [Theory]
    [MemberData(nameof(ForbiddenTransitions))]
    public async Task ForbiddenTransition_Answers409_AndChangesNothing(string status, string action, string code)
    {
        var admin = await SignUpAsync("admin");
        var task = await BringToAsync(admin, status);

        // A reason, so that fail is refused by the lifecycle and not by its input validation.
        var response = await FireAsync(admin, task.Id, action, action == "fail" ? new { reason = "Tried anyway" } : null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, code);
        var after = await GetTaskAsync(admin, task.Id);
        Assert.Equal(
            (task.Status, task.Version, task.OwnerId, task.AttemptCount, task.UpdatedAt, task.Result, task.FailureReason),
            (after.Status, after.Version, after.OwnerId, after.AttemptCount, after.UpdatedAt, after.Result, after.FailureReason));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task EveryPermittedAction_IsAccepted(string status)
    {
        var admin = await SignUpAsync("admin");

        foreach (var action in Permitted[status])
        {
            var task = await BringToAsync(admin, status);
            var response = await FireAsync(admin, task.Id, action, action == "fail" ? new { reason = "Broken" } : null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} from {status} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A new task of <paramref name="admin"/>'s, taken by them where the status needs an owner, as GET returns it.</summary>
    private static async Task<TaskDto> BringToAsync(TestUser admin, string status)
    {
        var task = await CreateTaskAsync(admin, draft: status == "draft");
        string[] steps = status switch
        {
            "draft" or "pending" => [],
            "running" => ["take"],
            "done" => ["take", "complete"],
            "failed" => ["take", "fail"],
            "cancelled" => ["cancel"],
            "cancelled while running" => ["take", "cancel"],
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };
        foreach (var step in steps)
        {
            await FireOkAsync(admin, task.Id, step, step == "fail" ? new { reason = "Broken" } : null);
        }

        var current = await GetTaskAsync(admin, task.Id);
        Assert.Equal(status.Split(' ')[0], current.Status.ToString().ToLowerInvariant());
        return current;
    }

    private static TaskTrigger Parse(string action) => Enum.Parse<TaskTrigger>(action, ignoreCase: true);
}
