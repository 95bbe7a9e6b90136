namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>A fresh folder under the system's temp folder, deleted with everything in it when disposed.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("taskorch-keys-");

    public string Path => _folder.FullName;

    public void Dispose() => _folder.Delete(recursive: true);
}
