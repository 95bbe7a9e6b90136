using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TaskOrchestration.Engine.ProcessTests;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Clients.LiveTests;

/// <summary>
/// The real API for the whole suite: the Release build copied beside the tests, started once as its own process in
/// the role both (the outbox tells people of changes), on a free port, on a database of its own, with a signing key
/// made for the run and webhooks allowed to point at 127.0.0.1 (nothing listens there: only the API's answers matter).
/// </summary>
public sealed class LiveApi : IAsyncLifetime, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("taskorch-clients-live-").FullName;
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private TestDatabase? _database;

    public Uri BaseAddress => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("The API has not started.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    /// <summary>Every request the people of this suite send, as the operations they are.</summary>
    public RequestRecorder Recorder { get; } = new(DocumentedOperation.ReadAll());

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("taskorch_clients_live");
        var keys = Directory.CreateDirectory(Path.Combine(_work, "keys")).FullName;
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(Path.Combine(keys, "live.pem"), rsa.ExportPkcs8PrivateKeyPem());
        }

        var start = HostProcessStart.For("both", _database.ConnectionString, keys, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        }, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Email:Delivery"] = "PickupFolder",
            ["Email:PickupFolder"] = Path.Combine(_work, "mail"),
            ["RateLimiting:Auth:PermitLimit"] = "1000",
            ["Webhooks:AllowPrivateNetworks"] = "true",
        });
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Read(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var started = await Task.WhenAny(_listening.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != _listening.Task)
        {
            throw new InvalidOperationException($"The API did not start: {Errors}");
        }
    }

    /// <summary>What the process logged at Error and above, and anything it printed that is not a log line.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }

    /// <summary>After <see cref="DisposeAsync"/> (xunit calls both): the process handle.</summary>
    public void Dispose() => _process?.Dispose();

    private void Read(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        try
        {
            var entry = JsonDocument.Parse(line).RootElement;
            if (entry.TryGetProperty("Category", out var category) && category.GetString() == "Microsoft.Hosting.Lifetime"
                && entry.TryGetProperty("State", out var state) && state.TryGetProperty("address", out var address))
            {
                _listening.TrySetResult(new Uri(address.GetString()!));
            }
            else if (entry.TryGetProperty("LogLevel", out var level) && level.GetString() is "Error" or "Critical")
            {
                Keep(line);
            }
        }
        catch (JsonException)
        {
            Keep(line);
        }
    }

    private void Keep(string? line)
    {
        lock (_errors)
        {
            if (line is not null && _errors.Length < 20_000)
            {
                _errors.AppendLine(line);
            }
        }
    }
}
