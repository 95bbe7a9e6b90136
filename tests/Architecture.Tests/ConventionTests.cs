using FluentValidation;
using MediatR;
using NetArchTest.Rules;
using TaskOrchestration.Domain.Common;
using static TaskOrchestration.Architecture.Tests.Layers;

namespace TaskOrchestration.Architecture.Tests;

/// <summary>The conventions an architect copying this template relies on.</summary>
public sealed class ConventionTests
{
    [Fact]
    public void HandlersAndValidators_AreSealed()
    {
        var result = Types.InAssembly(ApplicationAssembly)
            .That().ImplementInterface(typeof(IRequestHandler<,>)).Or().Inherit(typeof(AbstractValidator<>))
            .Should().BeSealed()
            .GetResult();

        Assert.True(result.IsSuccessful, $"Not sealed: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void EachRequest_LivesInTheFeatureFolderNamedAfterIt_WithItsHandlerAndValidator()
    {
        var types = ApplicationAssembly.GetTypes();
        var requests = types.Where(type => type.GetInterfaces().Any(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRequest<>))).ToList();

        Assert.NotEmpty(requests);
        foreach (var request in requests)
        {
            var feature = request.Name[..request.Name.LastIndexOf(request.Name.EndsWith("Query", StringComparison.Ordinal) ? "Query" : "Command", StringComparison.Ordinal)];
            Assert.EndsWith($".{feature}", request.Namespace, StringComparison.Ordinal);
            Assert.Contains(types, type => type.Namespace == request.Namespace && type.Name == $"{request.Name}Handler");
            Assert.Contains(types, type => type.Namespace == request.Namespace && type.Name == $"{request.Name}Validator");
        }
    }

    [Fact]
    public void Aggregates_ExposeNoPublicSetters()
    {
        var leaks = DomainAssembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(AggregateRoot)) || type.Namespace?.StartsWith(DomainNamespace, StringComparison.Ordinal) == true && type.IsClass && !type.IsAbstract && type.Name.EndsWith("Entry", StringComparison.Ordinal))
            .SelectMany(type => type.GetProperties().Where(property => property.SetMethod?.IsPublic == true).Select(property => $"{type.Name}.{property.Name}"))
            .ToList();

        Assert.True(leaks.Count == 0, $"Public setters: {string.Join(", ", leaks)}");
    }

    [Fact]
    public void Endpoints_SendThroughTheMediator_AndNeverTouchTheDatabase()
    {
        var result = Types.InAssembly(WebApiAssembly)
            .That().ResideInNamespace($"{WebApiNamespace}.Endpoints")
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", $"{InfrastructureNamespace}.Persistence", "Npgsql")
            .GetResult();

        Assert.True(result.IsSuccessful, $"Endpoints with data access: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
