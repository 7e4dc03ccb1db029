using System.Net;
using Command.Ingest.Http;
using Command.Ingest.OsmAnd;

namespace Command.Host.Hosting;

/// <summary>
/// Binds 127.0.0.1:5000 unless an address was given the ASP.NET Core way (--urls, ASPNETCORE_URLS or "Urls"),
/// so a first run is never reachable from the network by accident; and gives the Traccar Client's OsmAnd endpoint
/// a listener of its own (Ingest:OsmAnd:Port, default 5055, 0 for any free port) on the interface of the first
/// address. The OsmAnd listener is told from the API's by its port, so no API address may ask for the same one.
/// </summary>
public static class Loopback
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static WebApplicationBuilder UseLoopbackByDefault(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["urls"];
        var urls = (string.IsNullOrWhiteSpace(configured) ? DefaultUrl : configured)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var url in urls)
        {
            CheckAddress(url);
        }

        var osmAnd = builder.Configuration.GetSection("Ingest:OsmAnd").Get<OsmAndOptions>() ?? new OsmAndOptions();
        if (osmAnd.Enabled)
        {
            urls.Add(OsmAndUrl(urls, osmAnd.Port));

            // Kestrel sets up each address's listen options, applies these defaults to them and binds them, writing
            // the port it bound back into them: the OsmAnd listener keeps its own to know its port once bound.
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            {
                if (listen.IPEndPoint?.Port == osmAnd.Port)
                {
                    kestrel.ApplicationServices.GetRequiredService<OsmAndListener>().Claim(listen);
                }
            }));
        }

        builder.WebHost.UseUrls([.. urls]);
        return builder;
    }

    /// <summary>
    /// Refuses to start where a port the web server is to listen on (an API address's, the OsmAnd listener's) is taken:
    /// Kestrel finds it only once the silo has started, and stops the host with a stack and a page of shutdown noise.
    /// </summary>
    public static WebApplicationBuilder RefuseTakenPorts(this WebApplicationBuilder builder)
    {
        var osmAnd = builder.Configuration.GetSection("Ingest:OsmAnd").Get<OsmAndOptions>() ?? new OsmAndOptions();
        var urls = (builder.WebHost.GetSetting("urls") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var address in urls.Select(BindingAddress.Parse).Where(a => !a.IsUnixPipe && a.Port > 0))
        {
            var listens = address.Host switch
            {
                "*" or "+" => IPAddress.Any,
                var h when h.Equals("localhost", StringComparison.OrdinalIgnoreCase) => IPAddress.Loopback,
                var h => IPAddress.TryParse(h.Trim('[', ']'), out var ip) ? ip : null,
            };
            if (listens is not null)
            {
                SiloPorts.CheckFree(listens, address.Port, osmAnd.Enabled && address.Port == osmAnd.Port ? "Ingest:OsmAnd:Port" : "--urls");
            }
        }

        return builder;
    }

    /// <summary>
    /// Refuses an address Kestrel would fail on only once the silo had started, with no word of the setting: one it
    /// cannot read, or a port past 65535.
    /// </summary>
    private static void CheckAddress(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"This host cannot start: --urls holds '{url}', which is not an address ({e.Message}): give one such as {DefaultUrl}.", e);
        }

        if (address.Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new InvalidOperationException($"This host cannot start: --urls holds '{url}', whose port {address.Port} is not a port: give it one of 1-65535.");
        }
    }

    /// <summary>
    /// The OsmAnd listener's address: the first address's scheme and interface, the configured port. Over HTTPS when
    /// the API is, since the device identifier the app sends is its secret.
    /// </summary>
    private static string OsmAndUrl(List<string> urls, int port)
    {
        if (port is < 0 or > 65_535)
        {
            throw new InvalidOperationException($"Ingest:OsmAnd:Port must be 0-65535 (0 for any free port), not {port}.");
        }

        var addresses = urls.Select(BindingAddress.Parse).ToList();
        if (addresses.FirstOrDefault(a => a.Port == port) is { } clash)
        {
            throw new InvalidOperationException(port == 0
                ? $"Ingest:OsmAnd:Port 0 and the API's address {clash} both ask for any free port; the OsmAnd listener is told from the API's by its port, so give one of them a fixed port."
                : $"Ingest:OsmAnd:Port {port} is also the port of the API's address {clash}; the OsmAnd endpoint needs a port of its own.");
        }

        // A wildcard listens on every IPv4 interface; localhost names the loopback, since Kestrel cannot bind a free port on "localhost".
        var host = addresses[0] switch
        {
            { IsUnixPipe: true } => "127.0.0.1",
            { Host: "*" or "+" } => "0.0.0.0",
            { Host: var h } when h.Equals("localhost", StringComparison.OrdinalIgnoreCase) => "127.0.0.1",
            { Host: var h } => h,
        };
        return $"{(addresses[0].Scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? "https" : "http")}://{host}:{port}";
    }
}
