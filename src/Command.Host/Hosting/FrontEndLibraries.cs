using Microsoft.Extensions.FileProviders;

namespace Command.Host.Hosting;

/// <summary>
/// Serves the dashboard's browser libraries straight from the npm packages under the content root, so the page
/// never reaches a CDN and the versions are the ones pinned in package-lock.json.
/// </summary>
public static class FrontEndLibraries
{
    /// <summary>URL prefix and the folder under the content root that backs it.</summary>
    public static IReadOnlyList<(string Prefix, string Folder)> Libraries { get; } =
    [
        ("/lib/leaflet", "node_modules/leaflet/dist"),
        ("/lib/signalr", "node_modules/@microsoft/signalr/dist/browser"),
        ("/lib/uplot", "node_modules/uplot/dist"),
    ];

    /// <summary>
    /// Maps /lib/leaflet/, /lib/signalr/ and /lib/uplot/. Throws at start-up when a package is missing: a page
    /// without its map would look like a broken incident rather than a broken install.
    /// </summary>
    public static WebApplication MapFrontEndLibraries(this WebApplication app)
    {
        foreach (var (prefix, folder) in Libraries)
        {
            var root = ShippedFiles.Folder(app.Environment, folder);
            if (!Directory.Exists(root))
            {
                throw new InvalidOperationException(
                    $"The dashboard library folder '{root}' is missing. Build the host (it runs 'npm ci') or run 'npm ci' in src/Command.Host.");
            }

            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = prefix,
                FileProvider = new PhysicalFileProvider(root),
                OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
            });
        }

        return app;
    }
}
