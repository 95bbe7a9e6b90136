using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TaskOrchestration.TaskListBenchmark;

// The task list benchmark's client (bench/task-list.sh starts the database and the API, then runs this).
// Per scenario: warm-up requests, then sequential timed requests (p50/p99 at concurrency 1); then the deep
// cursor page; then a mix of every scenario at a fixed concurrency for throughput. Prints a Markdown report.
var options = BenchmarkOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
{
    BaseAddress = options.Api,
    Timeout = TimeSpan.FromSeconds(60),
};

const string MemberEmail = "bench-member@bench.local";
var admin = await ApiSession.SignInAsync(http, options.AdminEmail, options.AdminPassword);
var member = await ApiSession.RegisterAndSignInAsync(http, MemberEmail, "bench-member-password-1", "Benchmark member");
var samples = await SampleData.PrepareAsync(options.Connection, MemberEmail);
// Team membership is read per request, so the member's new teams apply at once (the token carries no teams).

var size = options.PageSize;
var now = DateTimeOffset.UtcNow;
string Time(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
Guid User(int i) => samples.UserIds[i % samples.UserIds.Count];
string List(string query) => $"/api/v1/tasks?pageSize={size}" + (query.Length > 0 ? "&" + query : "");

// "Every filter above" in the issue, each alone on the first page, as a member (team rule applies); the default
// list and archived tasks as an admin too; every sort in both directions.
Scenario[] scenarios =
[
    new("default list (created, newest first)", "member", _ => List("")),
    new("default list", "admin", _ => List("")),
    new("status=pending", "member", _ => List("status=pending")),
    new("status=running&status=failed", "member", _ => List("status=running&status=failed")),
    new("priority=critical", "member", _ => List("priority=critical")),
    new("priority=high&priority=critical", "member", _ => List("priority=high&priority=critical")),
    new("tag=bug (common)", "member", _ => List("tag=bug")),
    new("tag=project-180 (rare)", "member", _ => List("tag=project-180")),
    new("tag=bug&tag=feature (both)", "member", _ => List("tag=bug&tag=feature")),
    new("assigneeId=(50 users in turn)", "member", i => List($"assigneeId={User(i)}")),
    new("ownerId=(50 users in turn)", "member", i => List($"ownerId={User(i)}")),
    new("createdBy=(50 users in turn)", "member", i => List($"createdBy={User(i)}")),
    new("teamId=(the member's team)", "member", i => List($"teamId={samples.MemberTeamIds[i % samples.MemberTeamIds.Count]}")),
    new("dueBefore=now+7d", "member", _ => List($"dueBefore={Time(now.AddDays(7))}")),
    new("dueAfter=now+30d", "member", _ => List($"dueAfter={Time(now.AddDays(30))}")),
    new("dueAfter=now&dueBefore=now+7d", "member", _ => List($"dueAfter={Time(now)}&dueBefore={Time(now.AddDays(7))}")),
    new("overdue=true", "member", _ => List("overdue=true")),
    new("archived=true", "member", _ => List("archived=true")),
    new("archived=true", "admin", _ => List("archived=true")),
    new("search=report (common word)", "member", _ => List("search=report")),
    new("search=kafka (middling word)", "member", _ => List("search=kafka")),
    new("search=aphelion (rare word)", "member", _ => List("search=aphelion")),
    new("search=zzzz (no match)", "member", _ => List("search=zzzz")),
    new("status=pending&priority=critical&tag=bug", "member", _ => List("status=pending&priority=critical&tag=bug")),
    new("sortBy=createdAt asc", "member", _ => List("sortBy=createdAt&sortDirection=asc")),
    new("sortBy=updatedAt desc", "member", _ => List("sortBy=updatedAt&sortDirection=desc")),
    new("sortBy=updatedAt asc", "member", _ => List("sortBy=updatedAt&sortDirection=asc")),
    new("sortBy=dueDate asc", "member", _ => List("sortBy=dueDate&sortDirection=asc")),
    new("sortBy=dueDate desc", "member", _ => List("sortBy=dueDate&sortDirection=desc")),
    new("sortBy=priority desc", "member", _ => List("sortBy=priority&sortDirection=desc")),
    new("sortBy=priority asc", "member", _ => List("sortBy=priority&sortDirection=asc")),
    new("sortBy=title asc", "member", _ => List("sortBy=title&sortDirection=asc")),
    new("sortBy=title desc", "member", _ => List("sortBy=title&sortDirection=desc")),
    new("page=50 (offset paging)", "member", _ => List("page=50")),
    new("GET /tasks/{id} (2,000 ids in turn)", "member", i => $"/api/v1/tasks/{samples.VisibleTaskIds[i % samples.VisibleTaskIds.Count]}"),
    new("GET /tags (usage counts)", "member", _ => "/api/v1/tags"),
];

// --only TEXT measures just the scenarios whose name contains TEXT (and skips the deep pages and the mix), for a
// quick look at one query after a change; the full run is what docs/performance.md reports.
if (options.Only is { } only)
{
    scenarios = [.. scenarios.Where(scenario => scenario.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
}

ApiSession SessionOf(Scenario scenario) => scenario.Who == "admin" ? admin : member;

// A first pass over every scenario brings the API to its steady state (JIT tiers, connection pool, plan caches)
// before anything is measured, so that the first rows do not pay for the process start.
Console.Error.WriteLine($"Warming up: every scenario {options.Warmup} times");
for (var round = 0; round < options.Warmup; round++)
{
    foreach (var scenario in scenarios)
    {
        await SessionOf(scenario).GetAsync(scenario.PathFor(round));
    }
}

var results = new List<(Scenario Scenario, LatencyStatistics Statistics)>();
Console.Error.WriteLine($"Measuring {scenarios.Length} scenarios, {options.Samples} requests each after {options.Warmup} more warm-up requests");
foreach (var scenario in scenarios)
{
    results.Add((scenario, await MeasureAsync(SessionOf(scenario), scenario.PathFor, options.Warmup, options.Samples)));
    Console.Error.WriteLine($"  {scenario.Name} ({scenario.Who}): p50 {results[^1].Statistics.P50Milliseconds:F1} ms, p99 {results[^1].Statistics.P99Milliseconds:F1} ms");
}

// Deep keyset pages: walk there with the cursor (as a client would), then ask for that page again and again.
var deepPages = new List<(string Name, LatencyStatistics Statistics)>();
string[] deepSorts = options.Only is null ? ["sortBy=createdAt&sortDirection=desc", "sortBy=updatedAt&sortDirection=asc", "sortBy=priority&sortDirection=desc"] : [];
foreach (var sort in deepSorts)
{
    var cursor = await WalkToPageAsync(member, List(sort), options.CursorDepth);
    var path = List($"{sort}&cursor={Uri.EscapeDataString(cursor)}");
    deepPages.Add(($"page {options.CursorDepth:N0} by cursor, {sort}", await MeasureAsync(member, _ => path, options.Warmup, options.Samples)));
    Console.Error.WriteLine($"  {deepPages[^1].Name}: p99 {deepPages[^1].Statistics.P99Milliseconds:F1} ms");
}

// Throughput: every scenario in turn from several concurrent clients, for a fixed time.
var mix = scenarios;
var throughput = options.Only is null ? await MeasureThroughputAsync(mix, options.Concurrency, options.ThroughputDuration) : null;
Console.Error.WriteLine($"  mix at concurrency {options.Concurrency}: {throughput?.RequestsPerSecond:F0} requests/s");

var report = Report();
Console.WriteLine(report);
if (options.OutputFile is { } outputFile)
{
    await File.WriteAllTextAsync(outputFile, report);
}

return 0;

async Task<LatencyStatistics> MeasureAsync(ApiSession session, Func<int, string> pathFor, int warmup, int count)
{
    for (var i = 0; i < warmup; i++)
    {
        await session.GetAsync(pathFor(i));
    }

    var durations = new List<TimeSpan>(count);
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < count; i++)
    {
        durations.Add((await session.GetAsync(pathFor(warmup + i))).Elapsed);
    }

    return LatencyStatistics.From(durations, Stopwatch.GetElapsedTime(started));
}

async Task<string> WalkToPageAsync(ApiSession session, string firstPage, int page)
{
    var (_, body) = await session.GetAsync(firstPage);
    for (var current = 1; current < page; current++)
    {
        var cursor = JsonDocument.Parse(body).RootElement.GetProperty("nextCursor").GetString()
            ?? throw new InvalidOperationException($"The list ended at page {current}, before page {page}.");
        (_, body) = await session.GetAsync(firstPage + "&cursor=" + Uri.EscapeDataString(cursor));
    }

    return JsonDocument.Parse(body).RootElement.GetProperty("nextCursor").GetString()
        ?? throw new InvalidOperationException($"The list ended at page {page}.");
}

async Task<LatencyStatistics> MeasureThroughputAsync(Scenario[] scenarioMix, int concurrency, TimeSpan duration)
{
    using var stop = new CancellationTokenSource(duration);
    var started = Stopwatch.GetTimestamp();
    var perClient = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async client =>
    {
        var durations = new List<TimeSpan>();
        for (var i = client; !stop.IsCancellationRequested; i += concurrency)
        {
            var scenario = scenarioMix[i % scenarioMix.Length];
            durations.Add((await SessionOf(scenario).GetAsync(scenario.PathFor(i))).Elapsed);
        }

        return durations;
    }));
    return LatencyStatistics.From([.. perClient.SelectMany(durations => durations)], Stopwatch.GetElapsedTime(started));
}

string Report()
{
    var text = new StringBuilder();
    var inv = CultureInfo.InvariantCulture;
    text.AppendLine(inv, $"Data set: {samples.Size.Tasks:N0} tasks, {samples.Size.Tags:N0} tag links, {samples.Size.Assignees:N0} assignees, {samples.Size.Comments:N0} comments, {samples.Size.Users:N0} users; database {samples.Size.DatabaseBytes / (1024 * 1024):N0} MiB; PostgreSQL {samples.ServerVersion}; {Environment.ProcessorCount} cores.");
    text.AppendLine(inv, $"Sequential requests (concurrency 1), {options.Samples} per row after a warm-up pass over all rows and {options.Warmup} more requests of the row; page size {size}. The member belongs to {samples.MemberTeamIds.Count} of 20 teams.");
    text.AppendLine();
    text.AppendLine("| Request | As | p50 ms | p99 ms | max ms | requests/s |");
    text.AppendLine("|---|---|---:|---:|---:|---:|");
    foreach (var (scenario, statistics) in results)
    {
        text.AppendLine(inv, $"| {scenario.Name} | {scenario.Who} | {statistics.P50Milliseconds:F1} | {statistics.P99Milliseconds:F1} | {statistics.MaxMilliseconds:F1} | {statistics.RequestsPerSecond:F0} |");
    }

    foreach (var (name, statistics) in deepPages)
    {
        text.AppendLine(inv, $"| {name} | member | {statistics.P50Milliseconds:F1} | {statistics.P99Milliseconds:F1} | {statistics.MaxMilliseconds:F1} | {statistics.RequestsPerSecond:F0} |");
    }

    if (throughput is null)
    {
        return text.ToString();
    }

    text.AppendLine();
    text.AppendLine(inv, $"Throughput: the {mix.Length} scenarios above in turn from {options.Concurrency} concurrent clients for {options.ThroughputDuration.TotalSeconds:F0} s: {throughput.Count:N0} requests, {throughput.RequestsPerSecond:F0} requests/s, p50 {throughput.P50Milliseconds:F1} ms, p99 {throughput.P99Milliseconds:F1} ms.");
    return text.ToString();
}
