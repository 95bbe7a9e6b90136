using System.Diagnostics;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>A process of the Release build (the API, a worker), started as a deployment starts it.</summary>
internal static class HostProcess
{
    /// <summary>Starts <c>dotnet DLL ARGUMENTS</c> beside its appsettings.json; its errors are echoed, its output drained.</summary>
    public static Process Start(string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        // Drain the pipes, or a chatty process would block on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine($"  [process {process.Id}] {line.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
