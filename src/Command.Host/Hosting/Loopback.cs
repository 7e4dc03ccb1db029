namespace Command.Host.Hosting;

/// <summary>
/// Binds 127.0.0.1:5000 unless an address was given the ASP.NET Core way (--urls, ASPNETCORE_URLS or "Urls"),
/// so a first run is never reachable from the network by accident; and adds the Traccar Client's OsmAnd port
/// (Ingest:OsmAnd:Port, default 5055) on the same interface as the first address.
/// </summary>
public static class Loopback
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static WebApplicationBuilder UseLoopbackByDefault(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["urls"];
        var urls = (string.IsNullOrWhiteSpace(configured) ? DefaultUrl : configured)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var osmAndEnabled = builder.Configuration.GetValue("Ingest:OsmAnd:Enabled", true);
        var osmAndPort = builder.Configuration.GetValue("Ingest:OsmAnd:Port", 5055);
        if (osmAndEnabled && osmAndPort > 0 && Uri.TryCreate(urls[0].Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var first))
        {
            var osmAnd = $"http://{first.Host}:{osmAndPort}";
            if (!urls.Any(u => u.EndsWith($":{osmAndPort}", StringComparison.Ordinal)))
            {
                urls.Add(osmAnd);
            }
        }

        builder.WebHost.UseUrls([.. urls]);
        return builder;
    }
}
