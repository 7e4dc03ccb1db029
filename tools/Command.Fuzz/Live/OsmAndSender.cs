using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Command.Fuzz.Live;

/// <summary>
/// The Traccar Client's requests: each message is the body of a POST to <c>/</c>, as a form (the query fields) or as
/// JSON when it starts with a brace, on one keep-alive connection from the sender's address. Each answer is counted
/// as "report" (200), its reason code (400 or 403, "code: detail"), "rate-limited" (429) or its status. A device
/// identifier no admin issued is refused (403, unknown-device) after its request was parsed.
/// </summary>
public sealed class OsmAndSender : LiveSender
{
    public override async Task SendAsync(SenderTurn turn, IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(turn.From, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://{turn.To}/") };
        foreach (var message in messages)
        {
            await turn.BeforeEach(cancellationToken);
            var type = message.TrimStart().StartsWith('{') ? "application/json" : "application/x-www-form-urlencoded";
            try
            {
                using var response = await http.PostAsync("/", new StringContent(message, Encoding.UTF8, type), cancellationToken);
                turn.Tally.Add(await OutcomeAsync(response, cancellationToken));
            }
            catch (HttpRequestException e)
            {
                turn.Tally.Add($"request failed: {e.HttpRequestError}");
            }

            turn.Tally.Add("sent");
        }
    }

    // A report refused for what it is comes back 200 with its reason, so that the app does not send it again: only an
    // empty 200 is a report taken.
    private static async Task<string> OutcomeAsync(HttpResponseMessage response, CancellationToken cancellationToken) => response.StatusCode switch
    {
        HttpStatusCode.OK => await response.Content.ReadAsStringAsync(cancellationToken) is { Length: > 0 } refused ? refused.Split(':', 2)[0] : "report",
        HttpStatusCode.TooManyRequests => "rate-limited",
        HttpStatusCode.BadRequest or HttpStatusCode.Forbidden => (await response.Content.ReadAsStringAsync(cancellationToken)).Split(':', 2)[0],
        var status => $"http {(int)status}",
    };
}
