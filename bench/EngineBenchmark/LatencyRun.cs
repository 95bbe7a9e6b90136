using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>
/// The latency mode (bench/engine-latency.sh): an idle engine (one API process, one worker process of the build
/// under test, with the build's own poll and wake) is sent one <c>system.noop</c> task at a time through
/// <c>POST /api/v1/tasks</c>; each waits for the previous one to be done and a random 50–150 ms more, so that the
/// worker is asleep (a poller, which looks once when the previous task ends, then waits its interval, keeps such a
/// task waiting about the interval minus the pause). From the rows, per task: submitted
/// (<c>created_at</c>: the API's clock just before its transaction commits), claimed (the take in its history: the
/// worker's clock as the claiming transaction began) and done (the completion: the worker's clock as the outcome's
/// transaction began, after the handler returned). The handler began between claimed and done. All three clocks
/// are this machine's. With <c>--dispatch true</c> the worker runs the outbox dispatcher too, and each task's
/// <c>taskCreated</c> event is timed from its occurrence (the API's clock in the creating command) to its consumption by
/// the live-update consumer (the dispatcher's clock as it records it): how soon an event reaches the live updates.
/// </summary>
internal static class LatencyRun
{
    private const int WarmUpTasks = 20;
    private const string Password = "engine-latency-password-1";

    // Hang guards, not measures.
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan TaskPatience = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(BenchmarkOptions options)
    {
        await using var database = NpgsqlDataSource.Create(options.Connection);
        var queue = new Queue(database);
        await queue.ClearAsync();
        var port = FreePort();
        using var api = HostProcess.Start(options.WorkerDll, [
            "--role", "api",
            "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "--environment", "Production",
            $"--ConnectionStrings:Default={options.Connection}",
            $"--Jwt:KeysPath={options.KeysFolder}",
            // The poller's run takes longer than an access token lives by default (15 minutes).
            "--Jwt:AccessTokenLifetimeMinutes=240",
            "--Logging:LogLevel:Default=Warning"]);
        try
        {
            // The worker as deployed (its build's poll interval and wake), without the outbox dispatcher, whose work
            // on each task's events would only add noise beside the measurement.
            await using var fleet = WorkerFleet.Start(options, new EngineShape(1, 10, 10), options.Dispatch ? [] : ["--Outbox:Dispatch=false"]);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
            await WaitUntilAsync(async () => await AnswersAsync(http) && await queue.LiveWorkersAsync() == 1, api, fleet, StartPatience, "the API and the worker to start");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(http));

            Console.WriteLine($"{options.Label}: {WarmUpTasks} tasks to warm up, then {options.Samples:N0} measured, one at a time...");
            for (var i = 0; i < WarmUpTasks; i++)
            {
                await SubmitAndWaitAsync(http, queue, api, fleet, $"warm-up {i}");
            }

            var loadBefore = LoadAverage();
            var measured = new List<Guid>(options.Samples);
            var posts = new List<double>(options.Samples);
            for (var i = 0; i < options.Samples; i++)
            {
                var (id, post) = await SubmitAndWaitAsync(http, queue, api, fleet, $"latency {i}");
                measured.Add(id);
                posts.Add(post.TotalMilliseconds);
                if ((i + 1) % 100 == 0)
                {
                    Console.WriteLine($"  {i + 1:N0} done");
                }
            }

            var rows = await queue.StartTimesAsync(measured);
            var claimed = rows.Select(row => (row.Taken - row.Submitted).TotalMilliseconds).ToList();
            var done = rows.Select(row => (row.Done - row.Submitted).TotalMilliseconds).ToList();
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"| {options.Label} | {rows.Count:N0} | {Percentile(claimed, 0.50):F1} | {Percentile(claimed, 0.99):F1} | {claimed.Max():F1} | {Percentile(done, 0.50):F1} | {Percentile(done, 0.99):F1} | {done.Max():F1} | {Percentile(posts, 0.50):F1} | {loadBefore} → {LoadAverage()} |");
            var header = File.Exists(options.Output) ? string.Empty : string.Join(Environment.NewLine, [
                "| Build | tasks | submitted → claimed p50 ms | p99 | max | submitted → done p50 ms | p99 | max | POST p50 ms | load average (1, 5, 15 min) before → after |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
                string.Empty]);
            await File.AppendAllTextAsync(options.Output, header + line + Environment.NewLine);
            Console.WriteLine(line);
            if (options.Dispatch)
            {
                await WaitUntilAsync(async () => (await DispatchTimesAsync(database, measured)).Count == measured.Count, api, fleet, TaskPatience, "every event to be dispatched");
                var dispatched = await DispatchTimesAsync(database, measured);
                var dispatchLine = string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {options.Label}, dispatcher on | {dispatched.Count:N0} | taskCreated occurred → consumed by live-updates: p50 {Percentile(dispatched, 0.50):F1} ms | p99 {Percentile(dispatched, 0.99):F1} ms | max {dispatched.Max():F1} ms | | | | | |");
                await File.AppendAllTextAsync(options.Output, dispatchLine + Environment.NewLine);
                Console.WriteLine(dispatchLine);
            }
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }

    /// <summary>Milliseconds from each of the tasks' taskCreated event to its consumption by the live-update consumer (those consumed so far).</summary>
    private static async Task<List<double>> DispatchTimesAsync(NpgsqlDataSource database, List<Guid> tasks)
    {
        await using var command = database.CreateCommand(
            """
            SELECT extract(epoch FROM consumed.consumed_at - message.occurred_at) * 1000
            FROM outbox_messages AS message JOIN consumed_events AS consumed ON consumed.event_id = message.id AND consumed.consumer = 'live-updates'
            WHERE message.type = 'taskCreated' AND message.task_id = ANY(@tasks)
            """);
        command.Parameters.AddWithValue("tasks", tasks.ToArray());
        var times = new List<double>(tasks.Count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            times.Add((double)reader.GetDecimal(0));
        }

        return times;
    }

    /// <summary>Submits one task and waits until it is done; answers its id and how long the POST took.</summary>
    private static async Task<(Guid Id, TimeSpan Post)> SubmitAndWaitAsync(HttpClient http, Queue queue, Process api, WorkerFleet fleet, string title)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 151)));
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync("/api/v1/tasks", new { title, kind = Queue.Kind });
        var post = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/v1/tasks answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // A primary-key read every 5 ms: next to nothing for the database, and the engine is idle meanwhile anyway.
        await WaitUntilAsync(async () => await queue.StatusAsync(id) == "done", api, fleet, TaskPatience, $"task {id} to be done", TimeSpan.FromMilliseconds(5));
        return (id, post);
    }

    private static async Task<string> SignInAsync(HttpClient http)
    {
        var email = "engine-latency@bench.local";
        using (var registered = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Engine latency" }))
        {
            if (!registered.IsSuccessStatusCode && registered.StatusCode != HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException($"Could not register: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
            }
        }

        using var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password });
        token.EnsureSuccessStatusCode();
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<bool> AnswersAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Process api, WorkerFleet fleet, TimeSpan patience, string what, TimeSpan? interval = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (api.HasExited || fleet.AnyExited)
            {
                throw new InvalidOperationException("The API or the worker exited; its errors are above.");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Waited {patience} for {what}.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Nearest rank, no interpolation (as the task-list benchmark).</summary>
    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
