using Microsoft.Extensions.Logging;
using TaskOrchestration.Application.Common.Behaviours;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.UnitTests.Behaviours;

public sealed class UnhandledExceptionBehaviourTests
{
    public sealed record PlaceOrder;

    private readonly RecordingLogger<UnhandledExceptionBehaviour<PlaceOrder, string>> _logger = new();

    public static TheoryData<string> ExpectedOutcomes => new(Expected.Keys);

    private static readonly Dictionary<string, Func<Exception>> Expected = new(StringComparer.Ordinal)
    {
        [nameof(DomainException)] = () => new DomainException(new DomainError("rule", "Broken.", ErrorKind.Conflict)),
        [nameof(ValidationFailedException)] = () => new ValidationFailedException(new Dictionary<string, string[]>()),
        [nameof(NotFoundException)] = () => new NotFoundException("Task", Guid.Empty),
        [nameof(UnauthorizedException)] = UnauthorizedException.NotSignedIn,
        [nameof(ForbiddenException)] = ForbiddenException.RoleRequired,
        [nameof(ConflictException)] = ConflictException.Concurrency,
        [nameof(PreconditionFailedException)] = () => new PreconditionFailedException(1, 2),
    };

    [Fact]
    public async Task AnUnexpectedException_IsLoggedAsAnErrorWithTheRequestName_AndRethrownAsItWas()
    {
        var bug = new InvalidOperationException("bug");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Behaviour().Handle(new PlaceOrder(), CancellationToken.None, () => throw bug));

        Assert.Same(bug, thrown);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(bug, entry.Exception);
        Assert.Contains(nameof(PlaceOrder), entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExpectedOutcomes))]
    public async Task AnExpectedOutcome_IsRethrownWithoutBeingLogged(string exceptionType)
    {
        var outcome = Expected[exceptionType]();

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => Behaviour().Handle(new PlaceOrder(), CancellationToken.None, () => throw outcome));

        Assert.Same(outcome, thrown);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task ACancelledRequest_IsNotLogged()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            Behaviour().Handle(new PlaceOrder(), cancellation.Token, () => throw new OperationCanceledException(cancellation.Token)));

        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task ASuccessfulRequest_PassesThroughUnlogged()
    {
        Assert.Equal("handled", await Behaviour().Handle(new PlaceOrder(), CancellationToken.None, () => Task.FromResult("handled")));

        Assert.Empty(_logger.Entries);
    }

    private UnhandledExceptionBehaviour<PlaceOrder, string> Behaviour() => new(_logger);
}
