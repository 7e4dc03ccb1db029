using Microsoft.AspNetCore.ResponseCompression;

namespace Command.Host.Hosting;

/// <summary>
/// The page's own files compressed on the way (Brotli, else gzip, as the browser takes them): the page, its scripts and
/// styles and the libraries it loads came to 916 KB, and took most of a minute over a poor mobile link. Only those:
/// the API's answers, streamed reports and the hub go as they are, so nothing a caller waits on is held back to fill a
/// compressor's buffer.
/// </summary>
public static class PageCompression
{
    /// <summary>The kinds of file compressed.</summary>
    public static readonly string[] MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"];

    public static IServiceCollection AddPageCompression(this IServiceCollection services) =>
        services.AddResponseCompression(o =>
        {
            // The page's files hold no secret for a compression side channel to reveal.
            o.EnableForHttps = true;
            o.MimeTypes = MimeTypes;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
}
