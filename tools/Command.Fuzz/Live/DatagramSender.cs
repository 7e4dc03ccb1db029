using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Command.Fuzz.Live;

/// <summary>
/// One datagram per message, from one socket bound to the sender's address; a message's characters become bytes by
/// <paramref name="encoding"/> (UTF-8, or Latin-1 where each character stands for one byte of a binary message).
/// </summary>
public sealed class DatagramSender(Encoding? encoding = null) : LiveSender
{
    private readonly Encoding encoding = encoding ?? Encoding.UTF8;

    public override async Task SendAsync(SenderTurn turn, IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        using var udp = new UdpClient(new IPEndPoint(turn.From, 0));
        foreach (var message in messages)
        {
            await turn.BeforeEach(cancellationToken);
            await udp.SendAsync(encoding.GetBytes(message), turn.To, cancellationToken);
            turn.Tally.Add("sent");
        }
    }
}
