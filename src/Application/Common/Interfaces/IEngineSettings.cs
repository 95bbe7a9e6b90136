namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>The engine's timing, as the queries that report on it need it.</summary>
public interface IEngineSettings
{
    /// <summary>How long a claim holds a task without a heartbeat.</summary>
    TimeSpan LeaseDuration { get; }
}
