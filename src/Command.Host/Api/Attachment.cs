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
    }
}
