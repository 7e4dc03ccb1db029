using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Command.Domain.Validation;
using Command.Fuzz.Live;
using Command.Host.Tests.Support;
using Command.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>
/// The live listeners fuzzed, not only the parsers: seeded mutations of valid messages at the real ports of a real
/// host, from senders spread over 127.0.0.0/8 so that every message reaches a parser rather than the rate limiter.
/// Afterwards the host answers and a clean report in each protocol still lands.
/// </summary>
[Collection(RadioCollection.Name)]
public sealed class RadioFuzzTests(RadioHost host)
{
    private const int Count = 10_000;

    /// <summary>Datagrams in flight at most, so the CoT socket's receive buffer never overflows and drops one.</summary>
    private const int DatagramWindow = 32;

    /// <summary>OsmAnd answers each request after its grain call, so it takes more senders at once to keep the host busy.</summary>
    private const int HttpParallel = 32;

    private static readonly HashSet<string> Named = [.. Enum.GetValues<RejectReason>().Select(RejectReasons.Name), "report", "sent"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_thousand_mutated_messages_per_protocol_leave_the_host_answering_and_clean_reports_landing()
    {
        using var meters = new IngestMeters(host.Services.GetRequiredService<IMeterFactory>());
        var fuzzer = new LiveFuzzer(IPAddress.Loopback, Count, seed: 20261130, perSender: 20, parallel: 4);
        var protocols = LiveProtocol.All().ToDictionary(p => p.Name);
        // The Traccar Client's clean report comes from an identifier an admin issued; the fuzzer's never are.
        var device = await host.PostJsonAsync("/api/access/devices", new { name = "fuzz-phone", unitId = protocols["osmand"].CleanUnit });
        var identifier = (await device.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("identifier").GetString()!;
        protocols["osmand"] = protocols["osmand"] with { Clean = (t, lat, lon) => CleanReports.OsmAnd(identifier, t, lat, lon) };

        var udp = await fuzzer.RunAsync(protocols["cot-udp"], host.CotUdpPort, (n, _) => new ValueTask(meters.ReceivedAsync("CoT", n - DatagramWindow)), Ct);
        await meters.ReceivedAsync("CoT", Count);
        var tak = await fuzzer.RunAsync(protocols["takproto"], host.CotUdpPort, (n, _) => new ValueTask(meters.ReceivedAsync("CoT", Count + n - DatagramWindow)), Ct);
        await meters.ReceivedAsync("CoT", 2 * Count);
        var tcp = await fuzzer.RunAsync(protocols["cot-tcp"], host.CotTcpPort, cancellationToken: Ct);
        var nmea = await fuzzer.RunAsync(protocols["nmea"], host.NmeaPort, cancellationToken: Ct);
        var aprs = await fuzzer.RunAsync(protocols["aprs"], host.AprsPort, cancellationToken: Ct);
        var osmAnd = await new LiveFuzzer(IPAddress.Loopback, Count, seed: 20261130, perSender: 20, parallel: HttpParallel).RunAsync(protocols["osmand"], host.OsmAndPort, cancellationToken: Ct);

        Assert.All(new[] { udp, tak, tcp, nmea, aprs, osmAnd }, run => Assert.Equal(Count, run.Tally["sent"]));
        Assert.Equal(
            ((2 * Count) + CotFrames(fuzzer.Senders(protocols["cot-tcp"])), LinesEndedByCrOrLf(fuzzer.Senders(protocols["nmea"]), NmeaSentencesIn), LinesEndedByCrOrLf(fuzzer.Senders(protocols["aprs"]))),
            (meters.Received("CoT"), meters.Received("Nmea"), meters.Received("Aprs")));
        Assert.Equal(Count, osmAnd.Tally.Counts().Where(c => c.Key != "sent").Sum(c => c.Value));
        Assert.All(osmAnd.Tally.Counts(), c => Assert.Contains(c.Key, Named));
        Assert.Equal((0, 0, 0), (meters.Rejected("rate-limited"), meters.Rejected("not-allowed"), meters.Rejected("limit-reached")));

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health", Ct)).StatusCode);

        // CoT over UDP takes enrolled units only on this host.
        // Each under a callsign of its own: the incident enrols no two units that read alike.
        foreach (var datagrams in new[] { "cot-udp", "takproto" })
        {
            (await host.PostJsonAsync($"/api/incidents/{IngestHost.Incident}/units", new { unitId = protocols[datagrams].CleanUnit, callsign = $"Fuzz {datagrams}", role = "contact" })).EnsureSuccessStatusCode();
        }

        await using var watcher = await FrameWatcher.JoinAsync(host, IngestHost.Incident);
        var ports = new Dictionary<string, int>
        {
            ["cot-udp"] = host.CotUdpPort, ["takproto"] = host.CotUdpPort, ["cot-tcp"] = host.CotTcpPort, ["nmea"] = host.NmeaPort, ["aprs"] = host.AprsPort, ["osmand"] = host.OsmAndPort,
        };
        var now = DateTimeOffset.UtcNow;
        foreach (var protocol in protocols.Values)
        {
            var turn = new SenderTurn(IPAddress.Loopback, new IPEndPoint(IPAddress.Loopback, ports[protocol.Name]), _ => ValueTask.CompletedTask, new LiveTally());
            await protocol.Sender.SendAsync(turn, protocol.Clean(now, 44.0003, -100.0003), Ct);
        }

        foreach (var protocol in protocols.Values)
        {
            var frame = await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == protocol.CleanUnit && u.LastFix is not null));
            Assert.Equal(44.0003, frame.Units.Single(u => u.UnitId == protocol.CleanUnit).LastFix!.Position.Latitude, 4);
        }
    }

    /// <summary>
    /// Lines the NMEA and APRS listeners read from these senders' connections: one per run of text between CRs and LFs, each
    /// message ending in CR LF (a line ends at CR, LF or CRLF, and nothing between two ends is a line).
    /// </summary>
    private static long LinesEndedByCrOrLf(IReadOnlyList<string[]> senders, Func<string, int>? messagesIn = null) =>
        senders.Sum(messages => messages.Sum(m => (m + "\r\n").Split('\r', '\n').Where(line => line.Length > 0).Sum(messagesIn ?? (_ => 1))));

    /// <summary>
    /// Messages the NMEA listener reads from one line: one, and one more after each whole sentence's checksum (<c>*hh</c>)
    /// that another <c>$</c> follows on the line, past what pads the start of each (no cut in a <c>#</c> comment line), and one
    /// more where a <c>UNIT</c> line runs into a sentence's address.
    /// </summary>
    private static int NmeaSentencesIn(string line)
    {
        var messages = 1;
        var rest = line.AsSpan();
        while (true)
        {
            rest = rest.TrimStart("\0 \t");
            if (rest.Length >= 5 && rest[..5].Equals("UNIT ", StringComparison.OrdinalIgnoreCase) && AddressAt(rest) is { } address)
            {
                // An identification line ends where a sentence's address follows it.
                messages++;
                rest = rest[address..];
                continue;
            }

            var dollar = rest.IndexOf('$');
            if (rest.StartsWith("#") || dollar < 0 || SentenceEnd(rest[(dollar + 1)..]) is not { } end || rest[(dollar + 1 + end)..].IndexOf('$') < 0)
            {
                return messages;
            }

            messages++;
            rest = rest[(dollar + 1 + end)..];
        }
    }

    // The first '$' that opens a sentence's address (two to six capitals or digits and a comma), or null where none does.
    private static int? AddressAt(ReadOnlySpan<char> text)
    {
        for (var dollar = text.IndexOf('$'); dollar >= 0; dollar = text[(dollar + 1)..].IndexOf('$') is var next and >= 0 ? dollar + 1 + next : -1)
        {
            var length = 0;
            while (dollar + 1 + length < text.Length && (char.IsAsciiLetterUpper(text[dollar + 1 + length]) || char.IsAsciiDigit(text[dollar + 1 + length])))
            {
                length++;
            }

            if (length is >= 2 and <= 6 && dollar + 1 + length < text.Length && text[dollar + 1 + length] == ',')
            {
                return dollar;
            }
        }

        return null;
    }

    // Just past the first '*' followed by two hex digits, or null where there is none.
    private static int? SentenceEnd(ReadOnlySpan<char> text)
    {
        for (var star = text.IndexOf('*'); star >= 0 && star + 2 < text.Length; star = text[(star + 1)..].IndexOf('*') is var next and >= 0 ? star + 1 + next : -1)
        {
            if (char.IsAsciiHexDigit(text[star + 1]) && char.IsAsciiHexDigit(text[star + 2]))
            {
                return star + 3;
            }
        }

        return null;
    }

    /// <summary>
    /// Events the CoT stream listener reads from these senders' connections: one per &lt;/event&gt;, and what is left at the
    /// end, each cut again where the next event begins before it ends (a second <c>&lt;event</c> root, or an XML
    /// declaration after anything but whitespace), as an event cut off short is read on its own.
    /// </summary>
    private static long CotFrames(IReadOnlyList<string[]> senders) => senders.Sum(messages =>
    {
        var parts = string.Concat(messages).Split("</event>");
        return parts.Select((part, i) => i < parts.Length - 1 || part.AsSpan().Trim(" \t\r\n").Length > 0 ? 1 + EventsBegunWithin(part) : 0).Sum();
    });

    private static readonly Regex EventStart = new(@"<\?xml[ \t\r\n]|<event[ \t\r\n>/]", RegexOptions.CultureInvariant);

    // How many times another event begins within this text before its end: each begins a frame of its own.
    private static int EventsBegunWithin(string text)
    {
        var begun = 0;
        // Where the text's own event begins: after whitespace, and one byte order mark.
        var rest = text.AsSpan().TrimStart(" \t\r\n");
        var start = text.Length - (rest.StartsWith("\uFEFF") ? rest[1..] : rest).Length;
        var rooted = false;
        foreach (Match mark in EventStart.Matches(text))
        {
            var declaration = mark.Value[1] == '?';
            if ((declaration && mark.Index > start) || (!declaration && rooted))
            {
                begun++;
                start = mark.Index;
                rooted = !declaration;
            }
            else
            {
                rooted |= !declaration;
            }
        }

        return begun;
    }
}
