using Microsoft.Extensions.FileProviders;

namespace Command.Host.Access;

/// <summary>
/// The sign-in page and the files it needs, the only page open to anyone: <c>wwwroot/sign-in/</c>, served at
/// <see cref="RefusalAnswers.SignInPage"/> before authentication, and the theme every page shares (its palette and the
/// script that picks dark or light, <c>wwwroot/theme/</c> at <c>/theme</c>), so a sunlit room's sign-in is light too.
/// Every other file of the dashboard needs a sign-in.
/// </summary>
public static class SignInPage
{
    public static WebApplication UseSignInPage(this WebApplication app)
    {
        // A host run from its build output without the page (the load tool's) has no sign-in page either.
        if (app.Environment.WebRootPath is not { } root || !Directory.Exists(Path.Combine(root, "sign-in")))
        {
            return app;
        }

        var folder = Path.Combine(root, "sign-in");
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = "/sign-in", FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { RequestPath = "/sign-in", FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { RequestPath = "/theme", FileProvider = new PhysicalFileProvider(Path.Combine(root, "theme")) });
        return app;
    }
}
