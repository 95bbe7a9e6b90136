using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application;
using TaskOrchestration.Application.Common.Scheduling;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Jobs;

/// <summary>The Application's jobs on the real Infrastructure (repositories, unit of work, outbox), at a fake time.</summary>
internal sealed class JobServices(string connectionString, FakeTimeProvider clock) : IDisposable
{
    private readonly ServiceProvider _provider = InfrastructureServices.Build(
        new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString },
        configure: services =>
        {
            services.AddApplication();
            services.AddSingleton<TimeProvider>(clock);
        });

    /// <summary>
    /// Runs the job named <paramref name="name"/> once, in a scope of its own as the scheduler does, for a slot at the
    /// clock's time. The overdue and cleanup jobs go by the clock and read nothing else of the slot.
    /// </summary>
    public async Task<string> RunAsync(string name)
    {
        await using var scope = _provider.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredKeyedService<IScheduledJob>(name);
        return (await job.RunAsync(new ScheduledSlot(clock.GetUtcNow(), Previous: null, TimeZoneInfo.Utc), CancellationToken.None)).Text;
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose() => _provider.Dispose();
}
