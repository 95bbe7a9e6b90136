using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// The real host (API and worker in one process) logging JSON at Information, as deployed: once started, requests
/// and a scheduled job that finds nothing to do print nothing at Information. Every line is stamped in UTC, ISO 8601,
/// and a structured value that is a list is a JSON array.
/// </summary>
public sealed partial class ConsoleAtRestTests(FleetFixture fleet) : FleetTest(fleet)
{
    private const string Job = "overdue-detection";
    private const string Password = "correct-horse-battery-staple";

    // Bounds, not measures: they only stop a test whose host never gets there.
    private static readonly TimeSpan StartsWithin = TimeSpan.FromSeconds(90);

    // The lines every start prints (listening, the worker, the scheduler, the LISTEN connection of the live updates and the engine's wake).
    private static readonly (string Category, int EventId)[] StartLines =
    [
        ("Microsoft.Hosting.Lifetime", 14),
        ("TaskOrchestration.Infrastructure.Engine.WorkerService", 5001),
        ("TaskOrchestration.Infrastructure.Scheduling.JobScheduler", 7001),
        ("TaskOrchestration.Infrastructure.Hosting.DatabaseListener", 6301),
    ];

    private readonly ConcurrentQueue<string> _lines = new();

    [Fact]
    public async Task RequestsAndAScheduledJobWithNothingToDo_PrintNothingAtInformation_AndLinesAreStampedAndStructured()
    {
        var start = HostProcessStart.For("both", Fleet.Database.ConnectionString, Fleet.KeysFolder, new Dictionary<string, string>(), new Dictionary<string, string>
        {
            // As deployed (appsettings.json), rather than the Warning the other process tests run at.
            ["Logging:LogLevel:Default"] = "Information",
            [$"Schedules:{Job}:Cron"] = "* * * * * *",
            [$"Schedules:{Job}:Enabled"] = "true",
        });
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilAsync(() => StartLines.All(expected => Entries().Any(entry => Is(entry, expected.Category, expected.EventId))), "the host to start", process);
            var atRest = _lines.Count;

            var address = new Uri(Entries().Select(entry => entry.GetProperty("State")).First(state => state.TryGetProperty("address", out _)).GetProperty("address").GetString()!);
            await UseTheApiAsync(address);
            var afterRequests = DateTimeOffset.UtcNow;
            // The job every second, finding nothing overdue: three runs ended after the requests.
            await WaitUntilAsync(
                async () => await Fleet.ScalarAsync<long>($"SELECT count(*) FROM schedule_runs WHERE job = '{Job}' AND finished_at > @since", ("since", afterRequests)) >= 3,
                $"three runs of {Job}",
                process);

            var atInformation = _lines.Skip(atRest).Where(line => JsonLogLine.Parse(line) is { } entry && entry.GetProperty("LogLevel").GetString() == "Information").ToList();
            Assert.True(atInformation.Count == 0, $"At rest, the host printed at Information:{Environment.NewLine}{string.Join(Environment.NewLine, atInformation)}");

            var lines = _lines.ToList();
            var notJson = lines.Where(line => JsonLogLine.Parse(line) is null).ToList();
            Assert.True(notJson.Count == 0, $"Lines that are not JSON:{Environment.NewLine}{string.Join(Environment.NewLine, notJson)}");
            Assert.All(Entries(), entry => Assert.Matches(IsoUtc(), entry.GetProperty("Timestamp").GetString()));
            var scheduler = Entries().First(entry => Is(entry, "TaskOrchestration.Infrastructure.Scheduling.JobScheduler", 7001));
            var jobs = scheduler.GetProperty("State").GetProperty("Jobs");
            Assert.Equal(JsonValueKind.Array, jobs.ValueKind);
            Assert.Contains(Job, jobs.EnumerateArray().Select(job => job.GetString()));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Requests that go through the whole pipeline, the mediator included: sign up, sign in, create and list tasks.</summary>
    private static async Task UseTheApiAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address };
        var email = $"rest-{Guid.NewGuid():N}@example.com";
        using (var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "At Rest" }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using (var signedIn = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password }))
        {
            using var body = JsonDocument.Parse(await signedIn.Content.ReadAsStringAsync());
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        }

        using (var created = await client.PostAsJsonAsync("/api/v1/tasks", new { title = "Quiet", priority = "normal" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var listed = await client.GetAsync(new Uri("/api/v1/tasks", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Process process)
    {
        var deadline = DateTimeOffset.UtcNow + StartsWithin;
        while (!await condition())
        {
            Assert.False(process.HasExited, $"The host exited while waiting for {what}.");
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Waited {StartsWithin} for {what}.");
            await Task.Delay(200);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what, Process process) => WaitUntilAsync(() => Task.FromResult(condition()), what, process);

    private static bool Is(JsonElement entry, string category, int eventId) =>
        entry.GetProperty("Category").GetString() == category && entry.GetProperty("EventId").GetInt32() == eventId;

    private IEnumerable<JsonElement> Entries() => _lines.Select(JsonLogLine.Parse).OfType<JsonElement>();

    private void Keep(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            _lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoUtc();
}
