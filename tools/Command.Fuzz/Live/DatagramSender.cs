using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Command.Fuzz.Live;

/// <summary>One datagram per message, from one socket bound to the sender's address.</summary>
public sealed class DatagramSender : LiveSender
{
    public override async Task SendAsync(SenderTurn turn, IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        using var udp = new UdpClient(new IPEndPoint(turn.From, 0));
        foreach (var message in messages)
        {
            await turn.BeforeEach(cancellationToken);
            await udp.SendAsync(Encoding.UTF8.GetBytes(message), turn.To, cancellationToken);
            turn.Tally.Add("sent");
        }
    }
}
