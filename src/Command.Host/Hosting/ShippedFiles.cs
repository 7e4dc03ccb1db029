using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Command.Host.Hosting;

/// <summary>
/// Where the page's own files, its browser libraries and the host's shipped settings are: under the content root (the
/// folder the host is started from: src/Command.Host for <c>dotnet run</c>), else beside the host's assembly, where the
/// build copies them. Started from the repository's root, or by a service manager from wherever it pleases, the host
/// refused to start, saying the library folder was missing and to build it, though the build had put every file beside
/// the assembly; and once it did start, it had none of its shipped settings: no demo drill played.
/// </summary>
public static class ShippedFiles
{
    /// <summary>The host's options: the web root beside the assembly where the folder it is started from has none.</summary>
    public static WebApplicationOptions Options(string[] args, string? startedIn = null) =>
        Directory.Exists(Path.Combine(startedIn ?? Directory.GetCurrentDirectory(), "wwwroot")) || !Directory.Exists(Beside("wwwroot"))
            ? new WebApplicationOptions { Args = args }
            : new WebApplicationOptions { Args = args, WebRootPath = Beside("wwwroot") };

    /// <summary>
    /// Reads the settings shipped beside the assembly (appsettings.json: the demo drill, the recording's provider) where
    /// the folder the host is started from has none of its own, below everything else that sets them, as the content
    /// root's own would be.
    /// </summary>
    public static void AddShippedSettings(this WebApplicationBuilder builder)
    {
        const string settings = "appsettings.json";
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, settings)) || !File.Exists(Beside(settings)))
        {
            return;
        }

        var sources = builder.Configuration.Sources;
        var at = sources.Select((source, i) => (source, i)).FirstOrDefault(s => s.source is JsonConfigurationSource { Path: settings }).i;
        // The manager reads its sources again as one is inserted.
        sources.Insert(at, new JsonConfigurationSource
        {
            Path = settings,
            Optional = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
    }

    /// <summary><paramref name="folder"/> under the content root where it is there, else beside the assembly where it is there, else under the content root.</summary>
    public static string Folder(IWebHostEnvironment environment, string folder)
    {
        var underRoot = Path.Combine(environment.ContentRootPath, folder);
        return Directory.Exists(underRoot) || !Directory.Exists(Beside(folder)) ? underRoot : Beside(folder);
    }

    private static string Beside(string folder) => Path.Combine(AppContext.BaseDirectory, folder);
}
