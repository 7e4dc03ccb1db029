using Microsoft.Extensions.FileProviders;

namespace Command.Host.Access;

/// <summary>
/// The sign-in page and the files it needs, the only page open to anyone: <c>wwwroot/sign-in/</c>, served at
/// <see cref="RefusalAnswers.SignInPage"/> before authentication. Every other file of the dashboard needs a sign-in.
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
        return app;
    }
}
