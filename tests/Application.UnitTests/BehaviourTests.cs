using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;
using TaskOrchestration.Application.Common.Behaviours;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Domain.Common;
using static TaskOrchestration.Application.UnitTests.People;

namespace TaskOrchestration.Application.UnitTests;

public sealed class BehaviourTests
{
    public sealed record Order(string Title, IReadOnlyList<Line> Items);

    public sealed record Line(DateTimeOffset? DueDate);

    [Fact]
    public async Task Validation_ReportsEveryFailureOfEveryValidator_InCamelCase_WithoutCallingTheHandler()
    {
        var first = new InlineValidator<Order>();
        first.RuleFor(order => order.Title).NotEmpty();
        var second = new InlineValidator<Order>();
        second.RuleForEach(order => order.Items).ChildRules(line => line.RuleFor(item => item.DueDate).NotNull());
        var behaviour = new ValidationBehaviour<Order, string>([first, second]);
        var handlerCalled = false;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => behaviour.Handle(
            new Order("", [new Line(null)]),
            CancellationToken.None,
            () => { handlerCalled = true; return Task.FromResult("handled"); }));

        Assert.Equal(["items[0].dueDate", "title"], error.Errors.Keys.Order());
        Assert.False(handlerCalled);
    }

    [Fact]
    public async Task Validation_OfAValidRequest_CallsTheHandler()
    {
        var validator = new InlineValidator<Order>();
        validator.RuleFor(order => order.Title).NotEmpty();

        var answer = await new ValidationBehaviour<Order, string>([validator]).Handle(new Order("ok", []), CancellationToken.None, () => Task.FromResult("handled"));

        Assert.Equal("handled", answer);
    }

    [Fact]
    public async Task UnhandledException_IsLoggedAndRethrown()
    {
        var logger = new RecordingLogger<UnhandledExceptionBehaviour<Order, string>>();
        var behaviour = new UnhandledExceptionBehaviour<Order, string>(logger);

        await Assert.ThrowsAsync<InvalidOperationException>(() => behaviour.Handle(new Order("ok", []), CancellationToken.None, () => throw new InvalidOperationException("bug")));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(nameof(Order), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectedOutcomes_AreNotLoggedAsErrors()
    {
        var logger = new RecordingLogger<UnhandledExceptionBehaviour<Order, string>>();
        var behaviour = new UnhandledExceptionBehaviour<Order, string>(logger);

        await Assert.ThrowsAsync<DomainException>(() => behaviour.Handle(
            new Order("ok", []), CancellationToken.None, () => throw new DomainException(new DomainError("rule", "Broken", ErrorKind.Conflict))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => behaviour.Handle(
            new Order("ok", []), CancellationToken.None, () => throw new ValidationFailedException(new Dictionary<string, string[]>())));

        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task Logging_NamesTheRequestAndTheUser()
    {
        var logger = new RecordingLogger<LoggingBehaviour<Order, string>>();
        var behaviour = new LoggingBehaviour<Order, string>(logger, SignedIn(Alice));

        await behaviour.Handle(new Order("ok", []), CancellationToken.None, () => Task.FromResult("handled"));

        var entry = Assert.Single(logger.Entries);
        Assert.Contains(nameof(Order), entry.Message, StringComparison.Ordinal);
        Assert.Contains(Alice.UserId.ToString(), entry.Message, StringComparison.Ordinal);
    }
}

internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}

public sealed class AuthorizationBehaviourTests
{
    [TaskOrchestration.Application.Common.Security.RequiresRole(TaskOrchestration.Domain.Users.UserRole.Admin)]
    public sealed record AdminOnly;

    public sealed record Anyone;

    [Fact]
    public async Task ARequestForAdmins_IsRefusedToAMember_BeforeTheHandlerRuns()
    {
        var behaviour = new AuthorizationBehaviour<AdminOnly, string>(People.SignedIn(People.Alice));
        var handlerCalled = false;

        var error = await Assert.ThrowsAsync<TaskOrchestration.Application.Common.Exceptions.ForbiddenException>(() =>
            behaviour.Handle(new AdminOnly(), CancellationToken.None, () => { handlerCalled = true; return Task.FromResult("handled"); }));

        Assert.Equal("role_required", error.Code);
        Assert.False(handlerCalled);
    }

    [Fact]
    public async Task ARequestForAdmins_ReachesTheHandlerForAnAdmin()
    {
        var admin = new TaskOrchestration.Domain.Common.Actor(Guid.NewGuid(), TaskOrchestration.Domain.Users.UserRole.Admin);

        var answer = await new AuthorizationBehaviour<AdminOnly, string>(People.SignedIn(admin)).Handle(new AdminOnly(), CancellationToken.None, () => Task.FromResult("handled"));

        Assert.Equal("handled", answer);
    }

    [Fact]
    public async Task ARequestWithoutARoleRule_PassesForAnyone()
    {
        var answer = await new AuthorizationBehaviour<Anyone, string>(People.SignedIn(null)).Handle(new Anyone(), CancellationToken.None, () => Task.FromResult("handled"));

        Assert.Equal("handled", answer);
    }
}
