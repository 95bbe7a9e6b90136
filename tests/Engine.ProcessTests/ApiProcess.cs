using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// The real host, TaskOrchestration.WebApi.dll (the Release build copied beside the tests), started with
/// <c>--role api</c> as its own operating-system process on a free port. It logs JSON lines; the ones a test reads are
/// kept: where it listens, and how often the Application ran a request again after a passing database failure.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const string RetryCategory = "TaskOrchestration.Application.Common.Behaviours.TransientFailureRetryBehaviour";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _retries;

    private ApiProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("The API has not started.");

    public bool HasExited => _process.HasExited;

    /// <summary>How many times a request was run again after a passing database failure (the retry behaviour's warnings).</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Starts the process and waits until it listens.</summary>
    public static async Task<ApiProcess> StartAsync(string connectionString, string keysFolder, IReadOnlyDictionary<string, string> settings)
    {
        var start = HostProcessStart.For(role: "api", connectionString, keysFolder, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        }, settings);

        var process = new Process { StartInfo = start };
        var api = new ApiProcess(process);
        process.OutputDataReceived += (_, line) => api.Read(line.Data);
        process.ErrorDataReceived += (_, line) => api.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = await Task.WhenAny(api._listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != api._listening.Task)
        {
            await api.DisposeAsync();
            throw new InvalidOperationException($"The API did not start: {api.Output}");
        }

        return api;
    }

    /// <summary>The errors the process logged, and anything it printed that is not a log line, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (JsonLogLine.Parse(line) is not { } entry)
        {
            Keep(line);
            return;
        }

        var category = entry.TryGetProperty("Category", out var name) ? name.GetString() ?? string.Empty : string.Empty;
        if (category == "Microsoft.Hosting.Lifetime" && entry.TryGetProperty("State", out var state) && state.TryGetProperty("address", out var address))
        {
            _listening.TrySetResult(new Uri(address.GetString()!));
        }
        else if (category.StartsWith(RetryCategory, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _retries);
        }
        else if (entry.TryGetProperty("LogLevel", out var level) && level.GetString() is "Error" or "Critical")
        {
            // The warnings (slow requests on a busy machine) would crowd out the errors that explain a failure.
            Keep(line);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Enough to explain a failure, not a whole run's warnings.
            if (_output.Length < 20_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}
