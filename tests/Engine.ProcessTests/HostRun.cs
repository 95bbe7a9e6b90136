using System.Diagnostics;
using System.Text;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>The real host started as a process and left to run until it exits by itself: what it printed, and its exit code.</summary>
internal sealed record HostRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything it printed, for failure messages.</summary>
    public string Printed => $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";

    /// <summary>Runs the host until it exits; a host still running after <paramref name="timeout"/> is killed and the test fails.</summary>
    public static async Task<HostRun> UntilExitAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(error, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The host was still running after {timeout}: it should have refused to start.{Environment.NewLine}{Read(output)}{Read(error)}");
        }

        // Without a token, WaitForExit also waits until both streams reached their end.
        await process.WaitForExitAsync();
        return new HostRun(process.ExitCode, Read(output), Read(error));
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
