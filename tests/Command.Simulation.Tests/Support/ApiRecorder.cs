using System.Net;
using System.Text;

namespace Command.Simulation.Tests.Support;

/// <summary>Stands in for the host's HTTP API: records each request and answers with what the test sets.</summary>
internal sealed class ApiRecorder : HttpMessageHandler
{
    /// <summary>Each request: its method, path, body and the credential it presented (the Authorization header).</summary>
    public List<(string Method, string Path, string Body, string? Credential)> Requests { get; } = [];

    /// <summary>Answer by method and path; unlisted requests get 200 with an empty JSON object.</summary>
    public Func<string, string, (HttpStatusCode Status, string Json)> Answer { get; set; } = (_, _) => (HttpStatusCode.OK, "{}");

    /// <summary>The answer to <c>GET /api/auth/me</c>, who the token is: an admin's token, holding every right, unless the test says otherwise.</summary>
    public string Me { get; set; } =
        """{"name":"token:sim","credential":"token","roles":["admin"],"rights":["manage-access","command","control-drills","watch","watch-replays","open-replays","export","read-notes","write-notes","amend-any-note","report"]}""";

    /// <summary>How often the token asked who it is; kept apart from <see cref="Requests"/>, which are what it did.</summary>
    public int AskedWhoItIs { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var credential = request.Headers.Authorization?.ToString();
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get && path == "/api/auth/me")
        {
            AskedWhoItIs++;
            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent(Me, Encoding.UTF8, "application/json") };
        }

        Requests.Add((request.Method.Method, path, body, credential));
        var (status, json) = Answer(request.Method.Method, path);
        return new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
