using Moq;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.UnitTests;

internal static class People
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Alice = new(Guid.NewGuid(), UserRole.Member);
    public static readonly Actor Bob = new(Guid.NewGuid(), UserRole.Member);

    public static ICurrentUser SignedIn(Actor? actor, Guid? sessionId = null) => Mock.Of<ICurrentUser>(user => user.Actor == actor && user.SessionId == sessionId);
}
