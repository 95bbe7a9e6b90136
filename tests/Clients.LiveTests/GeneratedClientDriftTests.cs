using System.Diagnostics;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Clients.LiveTests;

/// <summary>
/// The checked-in clients are exactly what NSwag (the local .NET tool pinned in dotnet-tools.json, the version that
/// generates the API's document) makes of the checked-in document, clients/openapi.json, which the API's functional
/// tests compare with the document the API serves. Regenerate both with build/generate-clients.sh.
/// </summary>
public sealed class GeneratedClientDriftTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("taskorch-clients-").FullName;

    [Fact]
    public async Task TheCheckedInClients_AreWhatTheCheckedInDocumentGenerates()
    {
        var clients = Path.Combine(RepositoryFolder.Path, "clients");
        var typeScript = Path.Combine(_output, "client.ts");
        var cSharp = Path.Combine(_output, "TaskOrchestrationClient.cs");
        var (exitCode, output) = await RunAsync(clients, "tool", "run", "nswag", "run", "nswag.json", $"/variables:TypeScriptOutput={typeScript},CSharpOutput={cSharp}");
        Assert.True(exitCode == 0, $"NSwag failed (is the tool restored? `dotnet tool restore`): {output}");

        List<(string Generated, string CheckedIn)> clientFiles = [(cSharp, "csharp/Generated/TaskOrchestrationClient.cs")];
        //#if (web)
        clientFiles.Add((typeScript, "typescript/src/generated/client.ts"));
        //#endif
        foreach (var (generated, checkedIn) in clientFiles)
        {
            Assert.True(
                await File.ReadAllTextAsync(Path.Combine(clients, checkedIn)) == await File.ReadAllTextAsync(generated),
                $"clients/{checkedIn} differs from what clients/openapi.json generates: run build/generate-clients.sh.");
        }
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
