using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Command.Fuzz.Live;

/// <summary>
/// One TCP connection per sender, from its address: every message followed by <paramref name="delimiter"/> (nothing
/// for CoT, whose events end themselves), then the sending side is closed and the sender waits for the listener to
/// close its side, which it does once it has read everything.
/// </summary>
public sealed class StreamSender(string delimiter) : LiveSender
{
    public override async Task SendAsync(SenderTurn turn, IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient(new IPEndPoint(turn.From, 0));
        try
        {
            await tcp.ConnectAsync(turn.To, cancellationToken);
            var stream = tcp.GetStream();
            foreach (var message in messages)
            {
                await turn.BeforeEach(cancellationToken);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(message + delimiter), cancellationToken);
                turn.Tally.Add("sent");
            }

            tcp.Client.Shutdown(SocketShutdown.Send);
            var buffer = new byte[256];
            while (await stream.ReadAsync(buffer, cancellationToken) > 0)
            {
                turn.Tally.Add("answered");
            }
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            // A listener closes a connection it refuses (not allowed, too many): counted, the run goes on.
            turn.Tally.Add((e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode switch
            {
                { } code => $"connection {code}",
                null => "connection closed",
            });
        }
    }
}
