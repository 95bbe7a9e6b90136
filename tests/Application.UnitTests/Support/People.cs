using Moq;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.UnitTests.Support;

/// <summary>The people the tests act as, and the moment they start at.</summary>
internal static class People
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A member who usually creates the task.</summary>
    public static readonly Actor Alice = new(Guid.NewGuid(), UserRole.Member);

    /// <summary>Another member, who usually takes it.</summary>
    public static readonly Actor Bob = new(Guid.NewGuid(), UserRole.Member);

    /// <summary>A third member, with no part in the task.</summary>
    public static readonly Actor Carol = new(Guid.NewGuid(), UserRole.Member);

    public static readonly Actor Maria = new(Guid.NewGuid(), UserRole.Manager);

    public static readonly Actor Root = new(Guid.NewGuid(), UserRole.Admin);

    /// <summary>The current user port: signed in as <paramref name="actor"/>, or anonymous when null.</summary>
    public static ICurrentUser SignedIn(Actor? actor, Guid? sessionId = null) =>
        Mock.Of<ICurrentUser>(user => user.Actor == actor && user.SessionId == sessionId);

    public static ICurrentUser Anonymous => SignedIn(null);
}
