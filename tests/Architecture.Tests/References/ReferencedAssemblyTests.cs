using TaskOrchestration.Architecture.Tests.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.References;

/// <summary>What each inner layer's compiled assembly references: a new package shows up here before anywhere else.</summary>
public sealed class ReferencedAssemblyTests
{
    [Fact]
    public void TheDomain_ReferencesOnlyTheRuntimeAndStateless()
    {
        RuleAssert.NoViolations(ReferenceRules.Unexpected(DomainAssembly, ReferenceRules.AllowedInDomain),
            "Domain references outside the runtime and Stateless");
        Assert.Contains("Stateless", ReferenceRules.ReferencedNames(DomainAssembly));
    }

    [Fact]
    public void TheApplication_ReferencesOnlyTheRuntimeTheDomainAndItsChosenLibraries()
    {
        var references = ReferenceRules.ReferencedNames(ApplicationAssembly);

        RuleAssert.NoViolations(ReferenceRules.Unexpected(ApplicationAssembly, ReferenceRules.AllowedInApplication),
            "Application references outside its allow-list");
        Assert.Contains("TaskOrchestration.Domain", references);
        Assert.Contains("MediatR", references);
    }

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Npgsql")]
    [InlineData("Microsoft.Extensions.Logging")]
    [InlineData("Microsoft.Extensions.DependencyInjection")]
    [InlineData("MediatR")]
    [InlineData("Stateless.Extensions")]
    [InlineData("TaskOrchestration.Application")]
    public void TheDomainsAllowList_RefusesOtherAssemblies(string name) => Assert.False(ReferenceRules.AllowedInDomain(name));

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Npgsql.EntityFrameworkCore.PostgreSQL")]
    [InlineData("Microsoft.AspNetCore.Http.Abstractions")]
    [InlineData("Microsoft.Extensions.DependencyInjection")]
    [InlineData("Microsoft.Extensions.Configuration")]
    [InlineData("Microsoft.IdentityModel.Tokens")]
    [InlineData("TaskOrchestration.Infrastructure")]
    public void TheApplicationsAllowList_RefusesOtherAssemblies(string name) => Assert.False(ReferenceRules.AllowedInApplication(name));

    [Fact]
    public void BothAllowLists_RefuseWhatTheInfrastructureReferences()
    {
        Assert.Contains("Microsoft.EntityFrameworkCore", ReferenceRules.Unexpected(InfrastructureAssembly, ReferenceRules.AllowedInDomain));
        Assert.Contains("Microsoft.EntityFrameworkCore", ReferenceRules.Unexpected(InfrastructureAssembly, ReferenceRules.AllowedInApplication));
    }
}
