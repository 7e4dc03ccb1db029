namespace Command.Host.Hosting;

/// <summary>
/// Binds 127.0.0.1:5000 unless an address was given the ASP.NET Core way (--urls, ASPNETCORE_URLS or "Urls"),
/// so a first run is never reachable from the network by accident.
/// </summary>
public static class Loopback
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static WebApplicationBuilder UseLoopbackByDefault(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }
}
