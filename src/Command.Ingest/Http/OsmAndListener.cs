using Command.Ingest.OsmAnd;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Command.Ingest.Http;

/// <summary>
/// The OsmAnd endpoint's own Kestrel listener. A request is OsmAnd's when it arrived on this listener: told by the
/// local port of its connection, never by the Host header, which the sender chooses. With
/// <see cref="OsmAndOptions.Port"/> 0 Kestrel picks a free port, known here once the server has bound it.
/// </summary>
public sealed class OsmAndListener
{
    private ListenOptions? endpoint;

    /// <summary>
    /// The port bound, once the server has started; null before, when the endpoint is off, or when the host never
    /// gave it a listener (then OsmAnd answers nowhere).
    /// </summary>
    public int? BoundPort => endpoint?.IPEndPoint is { Port: > 0 } bound ? bound.Port : null;

    /// <summary>
    /// Takes <paramref name="listen"/> as the OsmAnd endpoint's listener. The host calls it while Kestrel sets up
    /// its endpoints; Kestrel writes the port it binds back into these options.
    /// </summary>
    public void Claim(ListenOptions listen) => endpoint = listen;

    /// <summary>True when the request came in on this listener.</summary>
    public bool Received(HttpContext http) => BoundPort is { } port && http.Connection.LocalPort == port;
}
