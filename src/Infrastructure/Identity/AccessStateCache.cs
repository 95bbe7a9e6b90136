using System.Collections.Concurrent;
using TaskOrchestration.Application.Users.Sessions;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>
/// Keeps each (user, session)'s <see cref="AccessState"/>, and each user's teams (which decide the tasks a member
/// sees), for a short while, so that most requests need no query to learn them. It is only trusted while this process hears every change: the live-update listener turns it on once it
/// LISTENs (<see cref="Resume"/>) and off when its connection is lost (<see cref="Suspend"/>), and passes on each
/// user whose access changed on any instance (<see cref="Forget"/>: a role, a deactivation, a session, a team joined
/// or left); the instance that commits a change forgets it
/// at once, before it answers. The time to live bounds what nothing announces (a row edited by hand).
/// </summary>
public sealed class AccessStateCache(TimeSpan timeToLive, TimeProvider clock)
{
    /// <summary>Past this many entries the expired ones are swept, and if that is not enough, all of them.</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(Guid UserId, Guid SessionId), Entry<AccessState>> _entries = new();

    private readonly ConcurrentDictionary<Guid, Entry<IReadOnlySet<Guid>>> _teamIds = new();

    // Bumped for a user by Forget: an entry, or a read that started, before the bump is not used or stored after it.
    private readonly ConcurrentDictionary<Guid, long> _generations = new();

    // Bumped by Resume and Suspend: nothing read before a gap in the invalidations is trusted after it.
    private long _epoch;
    private volatile bool _trusted;

    /// <summary>What a read must present to store its result: the user's generation and the epoch when it began.</summary>
    public readonly record struct ReadTicket(long Generation, long Epoch);

    /// <summary>How many entries are held, expired or not.</summary>
    public int Count => _entries.Count + _teamIds.Count;

    /// <summary>Whether entries are used now (the listener hears every change).</summary>
    public bool IsTrusted => _trusted;

    public bool TryGet(Guid userId, Guid sessionId, out AccessState state) =>
        TryGet(_entries, (userId, sessionId), userId, out state);

    /// <summary>The teams the user belongs to, when held.</summary>
    public bool TryGetTeamIds(Guid userId, out IReadOnlySet<Guid> teamIds) => TryGet(_teamIds, userId, userId, out teamIds);

    /// <summary>Taken before reading the database, so that a change announced during the read is not overwritten by it.</summary>
    public ReadTicket BeginRead(Guid userId) => Ticket(userId);

    public void Store(Guid userId, Guid sessionId, AccessState state, ReadTicket ticket) =>
        Store(_entries, (userId, sessionId), userId, state, ticket);

    public void StoreTeamIds(Guid userId, IReadOnlySet<Guid> teamIds, ReadTicket ticket) => Store(_teamIds, userId, userId, teamIds, ticket);

    /// <summary>The user's role, active state, sessions or teams changed: no entry or read from before counts any more.</summary>
    public void Forget(Guid userId) => _generations.AddOrUpdate(userId, 1, (_, generation) => generation + 1);

    /// <summary>Changes are heard again (the listener LISTENs): start afresh, since some may have been missed.</summary>
    public void Resume()
    {
        Interlocked.Increment(ref _epoch);
        _entries.Clear();
        _teamIds.Clear();
        _trusted = true;
    }

    /// <summary>Changes may go unheard (the listener lost its connection): read the database every time until <see cref="Resume"/>.</summary>
    public void Suspend()
    {
        _trusted = false;
        Interlocked.Increment(ref _epoch);
        _entries.Clear();
        _teamIds.Clear();
    }

    private ReadTicket Ticket(Guid userId) =>
        new(_generations.TryGetValue(userId, out var generation) ? generation : 0, Interlocked.Read(ref _epoch));

    private bool TryGet<TKey, TValue>(ConcurrentDictionary<TKey, Entry<TValue>> entries, TKey key, Guid userId, out TValue value)
        where TKey : notnull
    {
        value = default!;
        if (!_trusted || !entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        if (entry.Ticket != Ticket(userId) || clock.GetTimestamp() >= entry.ExpiresAt)
        {
            return false;
        }

        value = entry.Value;
        return true;
    }

    private void Store<TKey, TValue>(ConcurrentDictionary<TKey, Entry<TValue>> entries, TKey key, Guid userId, TValue value, ReadTicket ticket)
        where TKey : notnull
    {
        if (!_trusted || ticket != Ticket(userId))
        {
            return;
        }

        if (entries.Count >= MaxEntries)
        {
            Sweep(entries);
        }

        entries[key] = new Entry<TValue>(value, ticket, clock.GetTimestamp() + (long)(timeToLive.TotalSeconds * clock.TimestampFrequency));
    }

    private void Sweep<TKey, TValue>(ConcurrentDictionary<TKey, Entry<TValue>> entries)
        where TKey : notnull
    {
        var now = clock.GetTimestamp();
        foreach (var (key, entry) in entries)
        {
            if (now >= entry.ExpiresAt)
            {
                entries.TryRemove(key, out _);
            }
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
    }

    private sealed record Entry<TValue>(TValue Value, ReadTicket Ticket, long ExpiresAt);
}
