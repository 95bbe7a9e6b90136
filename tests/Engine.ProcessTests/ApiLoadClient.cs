using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// One client of the API, as a careful program would be one: it creates tasks (half of them with an
/// Idempotency-Key, repeated with the same key after a 503), edits them with If-Match, takes and completes them,
/// comments on them, reads and lists them; after any refusal it reads the task again. Every write carries a text of
/// its own, so that the database can be asked afterwards whether it was applied, and how many times.
/// </summary>
public sealed class ApiLoadClient(int number, HttpClient http, ApiLoadRecord record)
{
    private const string Tasks = "/api/v1/tasks";
    private const int KeyedAttempts = 5;

    private readonly Random _random = new(number);
    private readonly List<OwnTask> _tasks = [];
    private int _sequence;

    /// <summary>Sends requests one after another until <paramref name="until"/>.</summary>
    public async Task RunAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (DateTimeOffset.UtcNow < until)
        {
            var roll = _random.Next(100);
            if (_tasks.Count == 0 || roll < 20)
            {
                await CreateAsync(keyed: roll % 2 == 0, cancellationToken);
                continue;
            }

            var task = _tasks[_random.Next(_tasks.Count)];
            await (roll switch
            {
                < 35 => EditAsync(task, cancellationToken),
                < 50 => TransitionAsync(task, cancellationToken),
                < 65 => CommentAsync(task, cancellationToken),
                < 85 => ReadAsync(task, cancellationToken),
                _ => ListAsync(cancellationToken),
            });
        }
    }

    private async Task CreateAsync(bool keyed, CancellationToken cancellationToken)
    {
        var title = $"load-{number}-{++_sequence}";
        var key = keyed ? Guid.NewGuid().ToString() : null;
        var acknowledged = new System.Collections.Concurrent.ConcurrentQueue<Guid>();
        if (key is not null)
        {
            record.KeyedCreates[key] = (title, acknowledged);
        }

        for (var attempt = 1; attempt <= (keyed ? KeyedAttempts : 1); attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Tasks) { Content = JsonContent.Create(new { title, description = "created" }) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            var answer = await SendAsync(keyed ? "create with key" : "create", request, cancellationToken);
            if (answer?.Status == HttpStatusCode.Created)
            {
                var task = Remember(answer);
                acknowledged.Enqueue(task.Id);
                if (key is null)
                {
                    record.Creates.Enqueue((title, task.Id));
                }

                return;
            }

            if (answer?.Status != HttpStatusCode.ServiceUnavailable)
            {
                break;
            }

            // What the 503 invites a client with a key to do: wait as told, then repeat with the same key.
            await Task.Delay(answer.RetryAfter ?? TimeSpan.FromSeconds(1), cancellationToken);
        }

        if (key is null)
        {
            record.Creates.Enqueue((title, null));
        }
    }

    private async Task EditAsync(OwnTask task, CancellationToken cancellationToken)
    {
        if (task.Status is "done" or "cancelled")
        {
            await ReadAsync(task, cancellationToken);
            return;
        }

        var description = $"edit-{number}-{++_sequence}";
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{Tasks}/{task.Id}") { Content = JsonContent.Create(new { description }) };
        request.Headers.IfMatch.Add(task.Version);
        var answer = await SendAsync("edit", request, cancellationToken);
        record.Edits.Enqueue((task.Id, description, answer?.Status == HttpStatusCode.OK));
        await AfterwardsAsync(task, answer, cancellationToken);
    }

    private async Task TransitionAsync(OwnTask task, CancellationToken cancellationToken)
    {
        var trigger = task.Status switch
        {
            "pending" => "take",
            "running" => "complete",
            _ => null,
        };
        if (trigger is null)
        {
            await ReadAsync(task, cancellationToken);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Tasks}/{task.Id}/{trigger}");
        request.Headers.IfMatch.Add(task.Version);
        var answer = await SendAsync(trigger, request, cancellationToken);
        if (answer?.Status == HttpStatusCode.OK)
        {
            record.Transitions.Enqueue((task.Id, trigger));
        }

        await AfterwardsAsync(task, answer, cancellationToken);
    }

    private async Task CommentAsync(OwnTask task, CancellationToken cancellationToken)
    {
        var text = $"comment-{number}-{++_sequence}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Tasks}/{task.Id}/comments") { Content = JsonContent.Create(new { body = text }) };
        var answer = await SendAsync("comment", request, cancellationToken);
        record.Comments.Enqueue((task.Id, text, answer?.Status == HttpStatusCode.Created));
    }

    private async Task ReadAsync(OwnTask task, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Tasks}/{task.Id}");
        var answer = await SendAsync("get", request, cancellationToken);
        if (answer?.Status == HttpStatusCode.OK)
        {
            Remember(answer);
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Tasks}?pageSize=20");
        await SendAsync("list", request, cancellationToken);
    }

    /// <summary>An acknowledged change answers the task's new state; after anything else the client reads it again.</summary>
    private async Task AfterwardsAsync(OwnTask task, Answer? answer, CancellationToken cancellationToken)
    {
        if (answer?.Status == HttpStatusCode.OK)
        {
            Remember(answer);
        }
        else
        {
            await ReadAsync(task, cancellationToken);
        }
    }

    /// <summary>Sends, counts the answer, and returns what the client needs of it; null when there was no answer.</summary>
    private async Task<Answer?> SendAsync(string operation, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            record.Count(operation, response, body);
            return new Answer(response.StatusCode, response.Headers.ETag, response.Headers.RetryAfter?.Delta, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            record.NoAnswer(operation, exception);
            return null;
        }
    }

    /// <summary>Keeps (or updates) the task an answer describes: its id, status and version (the ETag).</summary>
    private OwnTask Remember(Answer answer)
    {
        using var json = JsonDocument.Parse(answer.Body);
        var id = json.RootElement.GetProperty("id").GetGuid();
        var status = json.RootElement.GetProperty("status").GetString()!;
        var task = _tasks.Find(known => known.Id == id);
        if (task is null)
        {
            task = new OwnTask(id);
            _tasks.Add(task);
        }

        task.Status = status;
        task.Version = answer.ETag ?? task.Version;
        return task;
    }

    private sealed record Answer(HttpStatusCode Status, EntityTagHeaderValue? ETag, TimeSpan? RetryAfter, string Body);

    private sealed class OwnTask(Guid id)
    {
        public Guid Id { get; } = id;

        public string Status { get; set; } = "pending";

        public EntityTagHeaderValue Version { get; set; } = EntityTagHeaderValue.Any;
    }
}
