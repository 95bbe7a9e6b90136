using Microsoft.Extensions.Logging;
using TaskOrchestration.Application.Common.Behaviours;
using TaskOrchestration.Application.UnitTests.Support;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Behaviours;

public sealed class LoggingBehaviourTests
{
    public sealed record PlaceOrder;

    private readonly RecordingLogger<LoggingBehaviour<PlaceOrder, string>> _logger = new();

    [Fact]
    public async Task LogsTheRequestNameAndTheUserIdAtDebug_AndReturnsTheAnswer()
    {
        var answer = await new LoggingBehaviour<PlaceOrder, string>(_logger, SignedIn(Alice)).Handle(new PlaceOrder(), CancellationToken.None, () =>
            Task.FromResult("handled"));

        Assert.Equal("handled", answer);
        var entry = Assert.Single(_logger.Entries);
        // Debug: a line per request at Information would make the console noisy at rest.
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Contains(nameof(PlaceOrder), entry.Message, StringComparison.Ordinal);
        Assert.Contains(Alice.UserId.ToString(), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnonymousRequest_IsLoggedToo()
    {
        await new LoggingBehaviour<PlaceOrder, string>(_logger, Anonymous).Handle(new PlaceOrder(), CancellationToken.None, () => Task.FromResult("handled"));

        Assert.Contains(nameof(PlaceOrder), Assert.Single(_logger.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowRequest_IsAWarning()
    {
        await new LoggingBehaviour<PlaceOrder, string>(_logger, SignedIn(Alice)).Handle(new PlaceOrder(), CancellationToken.None, async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(600));
            return "handled";
        });

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(nameof(PlaceOrder), entry.Message, StringComparison.Ordinal);
    }
}
