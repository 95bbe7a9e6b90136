namespace TaskOrchestration.Infrastructure.Hosting;

/// <summary>
/// A part of the process that hears a PostgreSQL NOTIFY channel through the process's one LISTEN connection
/// (<see cref="DatabaseListener"/>); registered with <see cref="DatabaseChannelServices.AddDatabaseChannelSubscriber{TSubscriber}"/>.
/// Every method is called on the listening loop, in the order PostgreSQL delivers: it must return at once (hand the
/// work to a queue or a signal) and must not throw.
/// </summary>
internal interface IDatabaseChannelSubscriber
{
    /// <summary>The channel to LISTEN on.</summary>
    string Channel { get; }

    /// <summary>
    /// The LISTEN is in place, at start and again after each reconnection: every NOTIFY committed from now on is
    /// heard; those committed while the connection was away were not, and are not replayed.
    /// </summary>
    void Listening();

    /// <summary>A NOTIFY on <see cref="Channel"/>, with its payload ("" when it had none).</summary>
    void Received(string payload);

    /// <summary>The connection is lost (or the process is stopping): until <see cref="Listening"/>, nothing is heard.</summary>
    void Lost();
}
