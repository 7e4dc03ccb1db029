using System.Globalization;
using System.Net;

namespace Command.Ingest.Listeners;

/// <summary>
/// The connections a TCP listener holds open, in total and per address, so that neither one busy address nor many
/// addresses together can take every connection. When every place is taken, a newcomer takes the place of a
/// connection that has sent no position yet, rather than being refused: of the address holding the most such, its
/// oldest. Sockets opened and left silent then cannot keep a radio that reconnects off the board; only a connection
/// that has sent a position keeps its place whoever comes.
/// </summary>
internal sealed class OpenConnections(int max)
{
    private readonly List<OpenConnection> connections = [];
    private long accepted;

    /// <summary>
    /// Counts a new connection in, made by <paramref name="connect"/> with its place in the order, with the connection whose
    /// place it took (out of the table now, to be ended by the caller), if any; or says why it may not open (and counts nothing).
    /// </summary>
    public Admission TryOpen(IPAddress address, int maxForAddress, Func<long, OpenConnection> connect)
    {
        lock (connections)
        {
            var open = connections.Count(c => c.Address.Equals(address));
            if (open >= maxForAddress)
            {
                return new(null, null, string.Create(CultureInfo.InvariantCulture, $"{address} has {open} connections open, the most one address may hold"));
            }

            OpenConnection? displaced = null;
            if (connections.Count >= max)
            {
                displaced = Quietest();
                if (displaced is null)
                {
                    return new(null, null, string.Create(CultureInfo.InvariantCulture, $"{max} connections are open, the most this listener holds, and every one has sent a position"));
                }

                connections.Remove(displaced);
            }

            var connection = connect(++accepted);
            connections.Add(connection);
            return new(connection, displaced, null);
        }
    }

    /// <summary>Counts a connection out; nothing where a newcomer has taken its place already.</summary>
    public void Close(OpenConnection connection)
    {
        lock (connections)
        {
            connections.Remove(connection);
        }
    }

    // The one to give way: no position sent yet, from the address holding the most such (so an address opening many
    // gives up its own before a radio's single one), its oldest. Null when every connection has sent a position.
    private OpenConnection? Quietest() =>
        connections.Where(c => !c.CarriedPosition).GroupBy(c => c.Address)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(c => c.Order))
            .FirstOrDefault()?.MinBy(c => c.Order);
}

/// <summary>What opening a connection came to: the connection counted in and the one whose place it took, or why it was refused.</summary>
internal readonly record struct Admission(OpenConnection? Connection, OpenConnection? Displaced, string? Refusal);
