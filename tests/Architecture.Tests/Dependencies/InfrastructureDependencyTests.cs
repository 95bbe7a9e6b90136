using NetArchTest.Rules;
using TaskOrchestration.Architecture.Tests.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.Dependencies;

public sealed class InfrastructureDependencyTests
{
    [Fact]
    public void TheInfrastructure_DoesNotDependOnTheWebApi() =>
        RuleAssert.NoViolations(DependencyRules.TypesDependingOn(Types.InAssembly(InfrastructureAssembly), WebApiNamespace),
            $"Infrastructure types depending on {WebApiNamespace}");

    [Fact]
    public void TheRuleLooksAtEveryInfrastructureType() =>
        RuleAssert.Covers(Types.InAssembly(InfrastructureAssembly).GetTypes(), typeof(Infrastructure.DependencyInjection));
}
