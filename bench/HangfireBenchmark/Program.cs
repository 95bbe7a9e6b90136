using System.Globalization;
using Hangfire;
using Hangfire.States;
using TaskOrchestration.HangfireBenchmark;

// Hangfire 1.8 on Hangfire.PostgreSql, as a peer of our engine in bench/engine-peers.sh (docs/performance.md, "Peers"):
//   prepare --connection CS                      its schema, and one template job in the queue "template" that no server
//                                                serves (the driver copies its rows in SQL to pre-fill the queue)
//   work --connection CS --workers N             a BackgroundJobServer of N workers on the queue "default" until SIGTERM
// Configured as Hangfire's and Hangfire.PostgreSql's documentation recommend for throughput (HangfireSettings).
var values = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    values[args[i].TrimStart('-')] = args[i + 1];
}

var command = args.Length > 0 ? args[0] : string.Empty;
var connection = values.GetValueOrDefault("connection") ?? throw new ArgumentException("--connection is required.");
switch (command)
{
    case "prepare":
    {
        var storage = HangfireSettings.Storage(connection, prepareSchema: true);
        HangfireSettings.Configure(storage);
        var client = new BackgroundJobClient(storage);
        var id = client.Create(() => NoopJob.Run(), new EnqueuedState(HangfireSettings.TemplateQueue));
        Console.WriteLine(id);
        return 0;
    }

    case "work":
    {
        var workers = int.Parse(values.GetValueOrDefault("workers") ?? throw new ArgumentException("--workers is required."), CultureInfo.InvariantCulture);
        var storage = HangfireSettings.Storage(connection, prepareSchema: false);
        HangfireSettings.Configure(storage);
        using var stopping = new CancellationTokenSource();
        using var terminated = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });
        using (new BackgroundJobServer(HangfireSettings.Server(workers), storage))
        {
            Console.WriteLine("ready");
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM: disposing the server stops its workers gracefully.
            }
        }

        return 0;
    }

    default:
        Console.Error.WriteLine("usage: prepare|work --connection CS [--workers N]");
        return 2;
}
