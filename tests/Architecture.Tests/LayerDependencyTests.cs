using NetArchTest.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests;

/// <summary>Dependencies point inward: Domain ← Application ← Infrastructure ← WebApi.</summary>
public sealed class LayerDependencyTests
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
    public void Domain_DependsOnNothingOutside(string forbidden) =>
        AssertNoDependency(Types.InAssembly(DomainAssembly), forbidden);

    [Theory]
    [InlineData(InfrastructureNamespace)]
    [InlineData(WebApiNamespace)]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Npgsql")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.IdentityModel")]
    public void Application_DependsOnlyInward(string forbidden) =>
        AssertNoDependency(Types.InAssembly(ApplicationAssembly), forbidden);

    [Theory]
    [InlineData(WebApiNamespace)]
    public void Infrastructure_DoesNotDependOnTheWebApi(string forbidden) =>
        AssertNoDependency(Types.InAssembly(InfrastructureAssembly), forbidden);

    [Fact]
    public void Domain_ReferencesOnlyTheRuntimeAndStateless()
    {
        var references = DomainAssembly.GetReferencedAssemblies().Select(reference => reference.Name!).ToList();

        var unexpected = references.Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name is not ("Stateless" or "netstandard")).ToList();
        Assert.True(unexpected.Count == 0, $"Domain references {string.Join(", ", unexpected)}");
        Assert.Contains("Stateless", references);
    }

    [Fact]
    public void Application_ReferencesOnlyDomainAndItsChosenLibraries()
    {
        string[] allowed = ["TaskOrchestration.Domain", "MediatR", "FluentValidation", "FluentValidation.DependencyInjectionExtensions", "AutoMapper", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "netstandard"];

        var unexpected = ApplicationAssembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && !allowed.Contains(name))
            .ToList();

        Assert.True(unexpected.Count == 0, $"Application references {string.Join(", ", unexpected)}");
    }

    [Fact]
    public void TheRulesAboveCanFail_WebApiDoesDependOnInfrastructure()
    {
        var result = Types.InAssembly(WebApiAssembly).Should().NotHaveDependencyOn(InfrastructureNamespace).GetResult();

        Assert.False(result.IsSuccessful);
    }

    private static void AssertNoDependency(Types types, string forbidden)
    {
        var result = types.Should().NotHaveDependencyOn(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"These types depend on {forbidden}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
