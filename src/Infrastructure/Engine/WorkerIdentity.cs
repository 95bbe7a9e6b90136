namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>This process's name as a worker: host, process id and a random suffix, unique across restarts.</summary>
public sealed class WorkerIdentity
{
    public WorkerIdentity()
    {
        Host = Environment.MachineName;
        ProcessId = Environment.ProcessId;
        Id = $"{Host}:{ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    public string Id { get; }

    public string Host { get; }

    public int ProcessId { get; }
}
