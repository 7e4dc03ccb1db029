using Microsoft.Net.Http.Headers;

namespace Command.Host.Api;

/// <summary>Names a response written straight to its body as a download, as <c>Results.File</c> names one.</summary>
internal static class Attachment
{
    /// <summary>
    /// Content-Disposition: attachment, with <paramref name="fileName"/> as a plain and an RFC 5987 name, built by the
    /// header's own type, so that no quote or character outside ASCII in it can break the header.
    /// </summary>
    public static void Name(HttpResponse response, string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        Contain(response);
    }

    /// <summary>
    /// A document the host makes (an after-action report, a comparison, paperwork) is served from the site's own address,
    /// and an HTML one opened in the browser would run with the site's rights. It needs nothing but its own inline
    /// styles and inline SVG, so it may load and run nothing else: no script, no request out, no form, and, as every
    /// answer, no framing.
    /// </summary>
    public static void Contain(HttpResponse response) => response.Headers.ContentSecurityPolicy = DocumentPolicy;

    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
