using System.Diagnostics;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>A process of the Release build (the API, a worker), or a peer's, started as a deployment starts it.</summary>
internal static class HostProcess
{
    /// <summary>Starts <c>dotnet DLL ARGUMENTS</c> beside its appsettings.json; its errors are echoed, its output drained.</summary>
    public static Process Start(string dll, IEnumerable<string> arguments) =>
        StartProgram("dotnet", [dll, .. arguments], Path.GetDirectoryName(dll)!);

    /// <summary>
    /// Starts <paramref name="program"/> in <paramref name="folder"/> with <paramref name="environment"/> added to
    /// ours; its errors are echoed, each line of its output handed to <paramref name="onOutput"/> (or dropped).
    /// </summary>
    public static Process StartProgram(
        string program,
        IEnumerable<string> arguments,
        string folder,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onOutput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        // Drain the pipes, or a chatty process would block on a full one.
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { onOutput?.Invoke(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine($"  [process {process.Id}] {line.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
