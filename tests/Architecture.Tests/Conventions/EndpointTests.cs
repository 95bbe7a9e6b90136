using NetArchTest.Rules;
using TaskOrchestration.Architecture.Tests.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.Conventions;

/// <summary>Endpoints send requests through the mediator; data access belongs to the Infrastructure behind the ports.</summary>
public sealed class EndpointTests
{
    private static readonly Types Endpoints = Types.InAssembly(WebApiAssembly);

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData($"{InfrastructureNamespace}.Persistence")]
    [InlineData("Npgsql")]
    public void Endpoints_NeverTouchTheDatabase(string forbidden) =>
        RuleAssert.NoViolations(
            DependencyRules.TypesDependingOn(Endpoints.That().ResideInNamespace($"{WebApiNamespace}.Endpoints"), forbidden),
            $"Endpoint types depending on {forbidden}");

    [Fact]
    public void TheRuleLooksAtTheEndpoints() =>
        Assert.NotEmpty(Endpoints.That().ResideInNamespace($"{WebApiNamespace}.Endpoints").GetTypes());
}
