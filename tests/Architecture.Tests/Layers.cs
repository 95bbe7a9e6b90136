using System.Reflection;

namespace TaskOrchestration.Architecture.Tests;

/// <summary>The four layers: their assemblies and root namespaces.</summary>
internal static class Layers
{
    public const string DomainNamespace = "TaskOrchestration.Domain";
    public const string ApplicationNamespace = "TaskOrchestration.Application";
    public const string InfrastructureNamespace = "TaskOrchestration.Infrastructure";
    public const string WebApiNamespace = "TaskOrchestration.WebApi";

    public static readonly Assembly DomainAssembly = typeof(Domain.Common.AggregateRoot).Assembly;
    public static readonly Assembly ApplicationAssembly = typeof(Application.DependencyInjection).Assembly;
    public static readonly Assembly InfrastructureAssembly = typeof(Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly WebApiAssembly = typeof(Program).Assembly;

    /// <summary>Types made to break each rule, to show that the rules can fail.</summary>
    public const string FixturesNamespace = "TaskOrchestration.Architecture.Tests.Fixtures";

    public static readonly Assembly FixturesAssembly = typeof(Layers).Assembly;
}
