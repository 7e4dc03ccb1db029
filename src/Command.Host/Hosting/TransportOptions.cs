namespace Command.Host.Hosting;

/// <summary>How the host is reached over the network (configuration section <c>Http</c>).</summary>
public sealed class TransportOptions
{
    public const string Section = "Http";

    /// <summary>
    /// The host sits behind a proxy that terminates TLS: plain HTTP off loopback is then allowed, and the proxy's
    /// X-Forwarded-For and X-Forwarded-Proto are honoured (so sign-in throttling sees the real address and cookies stay
    /// Secure). Default false.
    /// </summary>
    public bool BehindTlsProxy { get; set; }

    /// <summary>Addresses of the proxies whose forwarded headers are believed. Default none beyond loopback.</summary>
    public List<string> KnownProxies { get; set; } = [];
}
