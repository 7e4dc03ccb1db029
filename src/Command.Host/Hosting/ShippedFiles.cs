namespace Command.Host.Hosting;

/// <summary>
/// Where the page's own files and its browser libraries are: under the content root (the folder the host is started
/// from: src/Command.Host for <c>dotnet run</c>), else beside the host's assembly, where the build copies them. Started
/// from the repository's root, or by a service manager from wherever it pleases, the host refused to start, saying the
/// library folder was missing and to build it, though the build had put every file beside the assembly.
/// </summary>
public static class ShippedFiles
{
    /// <summary>The host's options: the web root beside the assembly where the folder it is started from has none.</summary>
    public static WebApplicationOptions Options(string[] args, string? startedIn = null) =>
        Directory.Exists(Path.Combine(startedIn ?? Directory.GetCurrentDirectory(), "wwwroot")) || !Directory.Exists(Beside("wwwroot"))
            ? new WebApplicationOptions { Args = args }
            : new WebApplicationOptions { Args = args, WebRootPath = Beside("wwwroot") };

    /// <summary><paramref name="folder"/> under the content root where it is there, else beside the assembly where it is there, else under the content root.</summary>
    public static string Folder(IWebHostEnvironment environment, string folder)
    {
        var underRoot = Path.Combine(environment.ContentRootPath, folder);
        return Directory.Exists(underRoot) || !Directory.Exists(Beside(folder)) ? underRoot : Beside(folder);
    }

    private static string Beside(string folder) => Path.Combine(AppContext.BaseDirectory, folder);
}
