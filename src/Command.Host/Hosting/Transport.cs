using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Command.Host.Hosting;

/// <summary>
/// HTTPS off loopback. Kestrel serves HTTPS with the certificate configured the ASP.NET Core way
/// (<c>Kestrel:Certificates:Default:Path</c> and <c>:Password</c>) on <c>https://</c> addresses. A host bound to
/// anything but loopback refuses to start on plain HTTP, where passwords, cookies and tokens would cross the network
/// in the clear, unless <see cref="TransportOptions.BehindTlsProxy"/> says a proxy terminates TLS in front of it.
/// Plain HTTP on loopback stays the first-run default.
/// </summary>
public static class Transport
{
    public static WebApplicationBuilder RequireTlsOffLoopback(this WebApplicationBuilder builder)
    {
        var options = Options(builder.Configuration);
        var urls = (builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        var plain = urls.FirstOrDefault(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !IsLoopback(BindingAddress.Parse(url)));
        if (plain is not null && !options.BehindTlsProxy)
        {
            throw new InvalidOperationException(
                $"The address {plain} serves plain HTTP beyond this machine: sign-ins and tokens would cross the network in the clear. " +
                "Serve https:// with a certificate (Kestrel:Certificates:Default:Path and :Password), or set Http:BehindTlsProxy=true when a proxy terminates TLS in front of the host.");
        }

        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            throw new InvalidOperationException($"Http:KnownProxies holds '{proxy}', which is not an IP address.");
        }

        foreach (var key in (string[])["Path", "KeyPath"])
        {
            // Kestrel reads the certificate only once the silo has started, and a file that is not there stopped the host
            // with a FileNotFoundException naming no setting.
            if (builder.Configuration[$"Kestrel:Certificates:Default:{key}"] is { Length: > 0 } file
                && !File.Exists(Path.GetFullPath(file, builder.Environment.ContentRootPath)))
            {
                throw new InvalidOperationException(
                    $"This host cannot start: Kestrel:Certificates:Default:{key} '{file}' is not a file: give the dashboard's certificate (a .pfx with :Password, or PEM with :KeyPath), or leave it out to serve plain HTTP on loopback.");
            }
        }

        builder.Services.AddSingleton(options);
        return builder;
    }

    /// <summary>Behind a TLS-terminating proxy, takes the client's address and scheme from the proxy's headers.</summary>
    public static WebApplication UseForwardedHeadersBehindProxy(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TransportOptions>();
        if (options.BehindTlsProxy)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            foreach (var proxy in options.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            app.UseForwardedHeaders(forwarded);
        }

        return app;
    }

    private static TransportOptions Options(IConfiguration configuration) =>
        configuration.GetSection(TransportOptions.Section).Get<TransportOptions>() ?? new TransportOptions();

    private static bool IsLoopback(BindingAddress address) =>
        address.IsUnixPipe
        || address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
