using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application.Users.Sessions;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Identity;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// The cache of access states may only answer what no change has overtaken: a change announced for the user, a gap in
/// the announcements, or its time to live.
/// </summary>
public sealed class AccessStateCacheTests
{
    private static readonly Guid User = Guid.NewGuid();
    private static readonly Guid Session = Guid.NewGuid();
    private static readonly AccessState Admin = new(UserRole.Admin, IsUserActive: true, IsSessionOpen: true);

    private readonly FakeTimeProvider _clock = new();
    private readonly AccessStateCache _cache;

    public AccessStateCacheTests()
    {
        _cache = new AccessStateCache(TimeSpan.FromSeconds(30), _clock);
        _cache.Resume();
    }

    [Fact]
    public void AStoredState_IsAnswered_UntilItsTimeToLiveEnds()
    {
        _cache.Store(User, Session, Admin, _cache.BeginRead(User));

        Assert.True(_cache.TryGet(User, Session, out var cached));
        Assert.Same(Admin, cached);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(_cache.TryGet(User, Session, out _));
    }

    [Fact]
    public void ForgettingAUser_DropsTheirStates_AndNoOtherUsers()
    {
        var other = Guid.NewGuid();
        _cache.Store(User, Session, Admin, _cache.BeginRead(User));
        _cache.Store(other, Session, Admin, _cache.BeginRead(other));

        _cache.Forget(User);

        Assert.False(_cache.TryGet(User, Session, out _));
        Assert.True(_cache.TryGet(other, Session, out _));
    }

    [Fact]
    public void AReadThatBeganBeforeAChangeWasAnnounced_IsNotStored()
    {
        var ticket = _cache.BeginRead(User);
        _cache.Forget(User);

        _cache.Store(User, Session, Admin, ticket);

        Assert.False(_cache.TryGet(User, Session, out _));
    }

    [Fact]
    public void WhileAnnouncementsMayBeMissed_NothingIsStoredOrAnswered_AndResumingStartsAfresh()
    {
        _cache.Store(User, Session, Admin, _cache.BeginRead(User));
        var readDuringTheGap = _cache.BeginRead(User);

        _cache.Suspend();
        Assert.False(_cache.TryGet(User, Session, out _));
        _cache.Store(User, Session, Admin, _cache.BeginRead(User));
        _cache.Resume();

        Assert.False(_cache.TryGet(User, Session, out _));
        _cache.Store(User, Session, Admin, readDuringTheGap);
        Assert.False(_cache.TryGet(User, Session, out _));
    }

    [Fact]
    public void AUsersTeams_AreAnsweredUntilTheirAccessChanges_OrTheirTimeToLiveEnds()
    {
        IReadOnlySet<Guid> teams = new HashSet<Guid> { Guid.NewGuid() };
        _cache.StoreTeamIds(User, teams, _cache.BeginRead(User));

        Assert.True(_cache.TryGetTeamIds(User, out var cached));
        Assert.Same(teams, cached);
        _cache.Forget(User);
        Assert.False(_cache.TryGetTeamIds(User, out _));

        _cache.StoreTeamIds(User, teams, _cache.BeginRead(User));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(_cache.TryGetTeamIds(User, out _));
    }

    [Fact]
    public void TeamsReadBeforeAChangeWasAnnounced_OrDuringAGap_AreNotStored()
    {
        IReadOnlySet<Guid> teams = new HashSet<Guid>();
        var beforeTheChange = _cache.BeginRead(User);
        _cache.Forget(User);
        _cache.StoreTeamIds(User, teams, beforeTheChange);
        Assert.False(_cache.TryGetTeamIds(User, out _));

        _cache.StoreTeamIds(User, teams, _cache.BeginRead(User));
        var duringTheGap = _cache.BeginRead(User);
        _cache.Suspend();
        Assert.False(_cache.TryGetTeamIds(User, out _));
        _cache.Resume();
        _cache.StoreTeamIds(User, teams, duringTheGap);
        Assert.False(_cache.TryGetTeamIds(User, out _));
    }

    [Fact]
    public void BeforeTheListenerListens_NothingIsCached()
    {
        var cold = new AccessStateCache(TimeSpan.FromSeconds(30), _clock);

        cold.Store(User, Session, Admin, cold.BeginRead(User));

        Assert.False(cold.TryGet(User, Session, out _));
    }

    [Fact]
    public void PastItsSizeLimit_TheCacheSweepsExpiredEntries()
    {
        for (var index = 0; index < AccessStateCache.MaxEntries; index++)
        {
            var user = Guid.NewGuid();
            _cache.Store(user, Session, Admin, _cache.BeginRead(user));
        }

        _clock.Advance(TimeSpan.FromSeconds(31));
        _cache.Store(User, Session, Admin, _cache.BeginRead(User));

        Assert.Equal(1, _cache.Count);
    }
}
