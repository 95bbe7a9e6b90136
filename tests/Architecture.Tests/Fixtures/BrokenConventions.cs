using FluentValidation;
using MediatR;
using TaskOrchestration.Domain.Common;

// Types made to break the conventions, so the tests can show each rule catches them. Nothing runs them.
namespace TaskOrchestration.Architecture.Tests.Fixtures.Commands.Ping
{
    public sealed record PingCommand : IRequest<string>;

    /// <summary>Breaks "not sealed".</summary>
    public class PingCommandValidator : AbstractValidator<PingCommand>
    {
    }
}

namespace TaskOrchestration.Architecture.Tests.Fixtures.Commands.Elsewhere
{
    using TaskOrchestration.Architecture.Tests.Fixtures.Commands.Ping;

    /// <summary>Breaks "the handler lives in its request's feature folder" and "sealed".</summary>
    public class PingCommandHandler : IRequestHandler<PingCommand, string>
    {
        public Task<string> Handle(PingCommand request, CancellationToken cancellationToken) => Task.FromResult("pong");
    }
}

namespace TaskOrchestration.Architecture.Tests.Fixtures.Aggregates
{
    /// <summary>Breaks "aggregates expose no public setters", twice.</summary>
    public sealed class LeakyAggregate : AggregateRoot
    {
        public string Name { get; set; } = string.Empty;

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset ReadOnlyIsFine { get; private set; }
    }
}
