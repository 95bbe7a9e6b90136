using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace TaskOrchestration.HangfireBenchmark;

/// <summary>
/// Hangfire as its documentation recommends for throughput, so that the comparison is fair: the serializer settings
/// of a new 1.8 installation, workers = the shape's concurrency, a 100 ms queue poll (the engine's and graphile-worker's
/// idle poll in the same benchmark; Hangfire.PostgreSql's default is 15 s, which only delays a worker that found the
/// queue empty), the schema prepared once before the measurement, not at every start.
/// </summary>
internal static class HangfireSettings
{
    /// <summary>The queue of the template job, which no server serves.</summary>
    public const string TemplateQueue = "template";

    public static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(100);

    public static PostgreSqlStorage Storage(string connection, bool prepareSchema)
    {
        var options = new PostgreSqlStorageOptions
        {
            QueuePollInterval = QueuePollInterval,
            PrepareSchemaIfNecessary = prepareSchema,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connection, options), options);
    }

    public static void Configure(JobStorage storage) => GlobalConfiguration.Configuration
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings()
        .UseStorage(storage);

    public static BackgroundJobServerOptions Server(int workers) => new()
    {
        WorkerCount = workers,
        Queues = ["default"],
    };
}

/// <summary>The no-op job every peer runs.</summary>
public static class NoopJob
{
    public static void Run()
    {
    }
}
