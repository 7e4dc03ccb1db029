using Command.Ingest.Http;

namespace Command.Host.Access;

/// <summary>How an endpoint names what it needs: a right to read, or a right to command (which also counts against the caller's command rate).</summary>
public static class EndpointRights
{
    /// <summary>A read: the caller must hold <paramref name="right"/>.</summary>
    public static TBuilder Needs<TBuilder>(this TBuilder endpoint, string right)
        where TBuilder : IEndpointConventionBuilder => endpoint.RequireAuthorization(right);

    /// <summary>A command: the caller must hold <paramref name="right"/>, and each call counts against its command rate.</summary>
    public static TBuilder Commands<TBuilder>(this TBuilder endpoint, string right)
        where TBuilder : IEndpointConventionBuilder => endpoint.RequireAuthorization(right).WithMetadata(CallerRateClass.Commands);
}
