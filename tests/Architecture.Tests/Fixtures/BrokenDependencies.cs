using MediatR;
using Microsoft.EntityFrameworkCore;

namespace TaskOrchestration.Architecture.Tests.Fixtures.Dependencies;

/// <summary>Breaks the Domain's dependency rules: a mediator in a signature, a DbContext in a body.</summary>
public sealed class LeakyDomainService
{
    public IMediator? Mediator { get; init; }

    public static string Describe(object context) => context is DbContext db ? db.ContextId.ToString() : "none";
}
