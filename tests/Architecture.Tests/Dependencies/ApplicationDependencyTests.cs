using NetArchTest.Rules;
using TaskOrchestration.Architecture.Tests.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.Dependencies;

/// <summary>The Application depends inward only: on the Domain, never on its adapters or their frameworks.</summary>
public sealed class ApplicationDependencyTests
{
    [Theory]
    [InlineData(InfrastructureNamespace)]
    [InlineData(WebApiNamespace)]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Npgsql")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.IdentityModel")]
    public void TheApplication_DependsOnNothingOf(string forbidden) =>
        RuleAssert.NoViolations(DependencyRules.TypesDependingOn(Types.InAssembly(ApplicationAssembly), forbidden),
            $"Application types depending on {forbidden}");

    [Fact]
    public void TheRuleLooksAtEveryApplicationType() =>
        RuleAssert.Covers(Types.InAssembly(ApplicationAssembly).GetTypes(), typeof(Application.DependencyInjection), typeof(Application.Tasks.TaskChanges));
}
