using NetArchTest.Rules;
using TaskOrchestration.Architecture.Tests.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.Dependencies;

/// <summary>The dependency rule does fail when a dependency exists, in a signature or only in a method body.</summary>
public sealed class DependencyRuleCanaryTests
{
    [Theory]
    [InlineData("MediatR")]
    [InlineData("Microsoft.EntityFrameworkCore")]
    public void AFixtureThatUsesTheNamespace_IsReported(string forbidden)
    {
        var fixtures = Types.InAssembly(FixturesAssembly).That().ResideInNamespace($"{FixturesNamespace}.Dependencies");

        Assert.Equal([$"{FixturesNamespace}.Dependencies.LeakyDomainService"], DependencyRules.TypesDependingOn(fixtures, forbidden));
    }

    [Fact]
    public void TheWebApi_IsReportedAsDependingOnTheInfrastructure() =>
        Assert.NotEmpty(DependencyRules.TypesDependingOn(Types.InAssembly(WebApiAssembly), InfrastructureNamespace));
}
