using NetArchTest.Rules;
using TaskOrchestration.Architecture.Tests.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.Dependencies;

/// <summary>The Domain is the centre: it knows no other layer and no framework.</summary>
public sealed class DomainDependencyTests
{
    [Theory]
    [InlineData(ApplicationNamespace)]
    [InlineData(InfrastructureNamespace)]
    [InlineData(WebApiNamespace)]
    [InlineData("MediatR")]
    [InlineData("FluentValidation")]
    [InlineData("AutoMapper")]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Npgsql")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.Extensions")]
    public void TheDomain_DependsOnNothingOf(string forbidden) =>
        RuleAssert.NoViolations(DependencyRules.TypesDependingOn(Types.InAssembly(DomainAssembly), forbidden), $"Domain types depending on {forbidden}");

    [Fact]
    public void TheRuleLooksAtEveryDomainType() =>
        RuleAssert.Covers(Types.InAssembly(DomainAssembly).GetTypes(),
            typeof(Domain.Tasks.TaskItem), typeof(Domain.Users.User), typeof(Domain.Tasks.TaskLifecycle));
}
