using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using static TaskOrchestration.Application.UnitTests.People;

namespace TaskOrchestration.Application.UnitTests;

/// <summary>Every use case is wired the same way: one handler, one validator, behind the pipeline.</summary>
public sealed class RegistrationTests
{
    private static readonly Type[] RequestTypes = [.. typeof(DependencyInjection).Assembly.GetTypes()
        .Where(type => type is { IsAbstract: false, IsInterface: false } && type.GetInterfaces().Any(IsRequest))];

    public static TheoryData<Type> Requests => new(RequestTypes);

    [Fact]
    public void TheApplication_HasItsUseCases() => Assert.True(RequestTypes.Length >= 15, $"Found {RequestTypes.Length} requests.");

    [Theory]
    [MemberData(nameof(Requests))]
    public void EveryRequest_HasExactlyOneHandlerAndOneValidator(Type request)
    {
        using var root = BuildServices();
        using var scope = root.CreateScope();
        var response = request.GetInterfaces().Single(IsRequest).GetGenericArguments()[0];

        Assert.Single(scope.ServiceProvider.GetServices(typeof(IRequestHandler<,>).MakeGenericType(request, response)));
        Assert.Single(scope.ServiceProvider.GetServices(typeof(IValidator<>).MakeGenericType(request)));
    }

    [Fact]
    public async Task TheMediator_RunsTheValidationBehaviourBeforeTheHandler()
    {
        var tasks = new Mock<ITaskRepository>();
        await using var root = BuildServices(tasks.Object);
        await using var scope = root.CreateAsyncScope();

        await Assert.ThrowsAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateTaskCommand("")));

        tasks.VerifyNoOtherCalls();
    }

    private static ServiceProvider BuildServices(ITaskRepository? tasks = null) => new ServiceCollection()
        .AddLogging()
        .AddApplication()
        .AddSingleton(tasks ?? Mock.Of<ITaskRepository>())
        .AddSingleton(Mock.Of<IUserRepository>())
        .AddSingleton(Mock.Of<IRefreshTokenRepository>())
        .AddSingleton(Mock.Of<ITeamRepository>())
        .AddSingleton(Mock.Of<IUnitOfWork>())
        .AddSingleton(Mock.Of<IPasswordHasher>())
        .AddSingleton(Mock.Of<IAccessTokenIssuer>())
        .AddSingleton(SignedIn(Alice))
        .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    private static bool IsRequest(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IRequest<>);
}
