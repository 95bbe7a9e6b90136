using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>The configured engine timing, for the Application's reports.</summary>
internal sealed class EngineSettings(IOptions<WorkerOptions> options) : IEngineSettings
{
    public TimeSpan LeaseDuration => options.Value.LeaseDuration;
}
