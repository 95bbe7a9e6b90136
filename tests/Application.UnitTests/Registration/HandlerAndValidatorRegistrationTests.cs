using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Application.Users.Commands.IssueToken;

namespace TaskOrchestration.Application.UnitTests.Registration;

/// <summary>One folder = one request, its handler and its validator: each request resolves exactly one of each.</summary>
public sealed class HandlerAndValidatorRegistrationTests
{
    private static readonly Type[] RequestTypes = [.. typeof(DependencyInjection).Assembly.GetTypes()
        .Where(type => type is { IsAbstract: false, IsInterface: false } && type.GetInterfaces().Any(IsRequest))
        .OrderBy(type => type.FullName, StringComparer.Ordinal)];

    public static TheoryData<Type> Requests => new(RequestTypes);

    [Fact]
    public void TheRequestsAreFound()
    {
        // A broken scan would make the theories below pass vacuously; these are requests every version must have.
        Assert.Contains(typeof(CreateTaskCommand), RequestTypes);
        Assert.Contains(typeof(IssueTokenCommand), RequestTypes);
        Assert.Contains(typeof(ListTasksQuery), RequestTypes);
        Assert.True(RequestTypes.Length >= 20, $"Only {RequestTypes.Length} requests found.");
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void EachRequest_ResolvesExactlyOneHandler(Type request)
    {
        using var services = ApplicationServices.Build();
        using var scope = services.CreateScope();

        var handlers = scope.ServiceProvider.GetServices(typeof(IRequestHandler<,>).MakeGenericType(request, ResponseOf(request))).ToList();

        Assert.True(handlers.Count == 1, $"{request.Name} has {handlers.Count} handlers: {string.Join(", ", handlers.Select(handler =>
            handler!.GetType().Name))}");
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void EachRequest_ResolvesExactlyOneValidator(Type request)
    {
        using var services = ApplicationServices.Build();

        var validators = services.GetServices(typeof(IValidator<>).MakeGenericType(request)).ToList();

        Assert.True(validators.Count == 1, $"{request.Name} has {validators.Count} validators: {string.Join(", ", validators.Select(validator =>
            validator!.GetType().Name))}");
    }

    private static Type ResponseOf(Type request) => request.GetInterfaces().Single(IsRequest).GetGenericArguments()[0];

    private static bool IsRequest(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IRequest<>);
}
