using System.Reflection;

namespace TaskOrchestration.Architecture.Tests;

internal static class Layers
{
    public static readonly Assembly DomainAssembly = typeof(TaskOrchestration.Domain.Tasks.TaskItem).Assembly;
    public static readonly Assembly ApplicationAssembly = typeof(TaskOrchestration.Application.DependencyInjection).Assembly;
    public static readonly Assembly InfrastructureAssembly = typeof(TaskOrchestration.Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly WebApiAssembly = typeof(Program).Assembly;

    public const string DomainNamespace = "TaskOrchestration.Domain";
    public const string ApplicationNamespace = "TaskOrchestration.Application";
    public const string InfrastructureNamespace = "TaskOrchestration.Infrastructure";
    public const string WebApiNamespace = "TaskOrchestration.WebApi";
}
