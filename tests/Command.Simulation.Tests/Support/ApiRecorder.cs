using System.Net;
using System.Text;

namespace Command.Simulation.Tests.Support;

/// <summary>Stands in for the host's HTTP API: records each request and answers with what the test sets.</summary>
internal sealed class ApiRecorder : HttpMessageHandler
{
    public List<(string Method, string Path, string Body, string? Actor)> Requests { get; } = [];

    /// <summary>Answer by method and path; unlisted requests get 200 with an empty JSON object.</summary>
    public Func<string, string, (HttpStatusCode Status, string Json)> Answer { get; set; } = (_, _) => (HttpStatusCode.OK, "{}");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var actor = request.Headers.TryGetValues("X-Actor", out var values) ? string.Join(",", values) : null;
        var path = request.RequestUri!.AbsolutePath;
        Requests.Add((request.Method.Method, path, body, actor));
        var (status, json) = Answer(request.Method.Method, path);
        return new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
