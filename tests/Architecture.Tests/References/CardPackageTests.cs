using System.Text.RegularExpressions;
using TaskOrchestration.Architecture.Tests.Documentation;
using TaskOrchestration.Architecture.Tests.Rules;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests.References;

/// <summary>
/// The user's design card names a package for each layer; each must stay in use where the card puts it. A layer's
/// compiled assembly references a package only when its code uses it, so a package left in a project file but no
/// longer called fails here too. The test projects are checked by their project files (they share the card's three).
/// </summary>
public sealed partial class CardPackageTests
{
    public static readonly TheoryData<string, string> CardPackagesByLayer = new()
    {
        { "Domain", "Stateless" },
        { "Application", "MediatR" },
        { "Application", "FluentValidation" },
        { "Application", "AutoMapper" },
        { "Infrastructure", "Microsoft.EntityFrameworkCore" },
        { "Infrastructure", "Npgsql.EntityFrameworkCore.PostgreSQL" },
        { "WebApi", "Microsoft.AspNetCore.Authentication.JwtBearer" },
        { "WebApi", "NSwag.AspNetCore" },
    };

    [Theory]
    [MemberData(nameof(CardPackagesByLayer))]
    public void EachCardPackage_IsUsedByTheLayerTheCardPutsItIn(string layer, string package)
    {
        var assembly = layer switch
        {
            "Domain" => DomainAssembly,
            "Application" => ApplicationAssembly,
            "Infrastructure" => InfrastructureAssembly,
            _ => WebApiAssembly,
        };

        Assert.Contains(package, ReferenceRules.ReferencedNames(assembly));
    }

    [Theory]
    [InlineData("xunit")]
    [InlineData("Moq")]
    [InlineData("Respawn")]
    public void EachCardTestPackage_IsReferencedByATestProject(string package)
    {
        var testProjects = new[]
        {
            "tests/Domain.UnitTests/Domain.UnitTests.csproj",
            "tests/Application.UnitTests/Application.UnitTests.csproj",
            "tests/Infrastructure.IntegrationTests/Infrastructure.IntegrationTests.csproj",
            "tests/WebApi.FunctionalTests/WebApi.FunctionalTests.csproj",
            "tests/TestSupport/TestSupport.csproj",
            "tests/Directory.Build.props",
        };

        Assert.Contains(testProjects, project => PackageReferences(RepositoryFiles.Read(project)).Contains(package));
    }

    [Fact]
    public void EveryCardPackage_HasOneCentralVersion()
    {
        var central = RepositoryFiles.Read("Directory.Packages.props");

        foreach (var package in CardPackagesByLayer.Select(row => (string)row[1]).Concat(["xunit", "Moq", "Respawn"]))
        {
            Assert.Single(Regex.Matches(central, $"<PackageVersion Include=\"{Regex.Escape(package)}\" Version=\"[^\"]+\""));
        }
    }

    private static HashSet<string> PackageReferences(string project) =>
        [.. PackageReference().Matches(project).Select(match => match.Groups["name"].Value)];

    [GeneratedRegex("<PackageReference Include=\"(?<name>[^\"]+)\"")]
    private static partial Regex PackageReference();
}
