using Command.Domain.Validation;
using Command.Ingest.Aprs;
using Command.Ingest.Cot;
using Command.Ingest.Intake;
using Command.Ingest.Json;
using Command.Ingest.Kiss;
using Command.Ingest.Nmea;
using Command.Ingest.OsmAnd;
using Microsoft.AspNetCore.WebUtilities;

namespace Command.Fuzz;

/// <summary>One parser under fuzz: its seed messages and a function that names the outcome of one input.</summary>
public sealed record FuzzTarget(string Name, IReadOnlyList<string> Corpus, Func<string, string> Classify, Func<string, string>? Repair = null)
{
    private static readonly System.Text.Encoding Latin1 = System.Text.Encoding.Latin1;

    private static readonly DateTimeOffset Received = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    // A threat the parser hands on must be one the incident takes: within every limit it records under. (A report is
    // screened against them at the intake, which refuses it by name.)
    private static string Placed(Domain.Threats.Threat threat) =>
        InputLimits.Check(threat) is { } refused ? $"threat outside the limits: {refused.Detail}" : "threat";

    // So must an alert, as the event it is recorded as.
    private static string Raised(UnitAlert alert) =>
        InputLimits.Check(new Domain.Events.UnitAlarmed(alert.UnitId, alert.Kind, alert.Cancelled, alert.Position, "cot")) is { } refused
            ? $"alert outside the limits: {refused.Detail}" : "alert";

    /// <summary>"report" or the reject reason's code; throws if the outcome is neither. Targets name their other outcomes: "threat", "alert", "deletion", "ping", "control", "identified", "skipped".</summary>
    public static string Outcome(IncomingReport? incoming) => incoming switch
    {
        { Report: { } r } when !string.IsNullOrEmpty(r.UnitId) => "report",
        { Rejection: { } j } when Enum.IsDefined(j.Reason) && j.Detail.Length > 0 => j.Code,
        _ => throw new InvalidOperationException($"outcome is neither a report nor a named rejection: {incoming}"),
    };

    public static IReadOnlyList<FuzzTarget> All()
    {
        var cot = new CotParser(CotOptions.Default);
        var aprs = new AprsParser(AprsOptions.Default);
        var nmea = new NmeaDecoder(NmeaOptions.Default);
        return
        [
            // As a listener reads an event: its bytes, in the encoding its declaration names.
            new("cot", Seeds.Cot, s => cot.Parse(System.Text.Encoding.UTF8.GetBytes(s)) switch { { Threat: { } threat } => Placed(threat), { Ping: true } => "ping", { Alert: { } alert } => Raised(alert), { Deletion: not null } => "deletion", var o => Outcome(o.Report) }),
            // Bytes as the characters of the same codes (Latin-1), so the mutator's edits are edits of bytes.
            new("takproto", [.. Seeds.TakProtocol.Select(b => Latin1.GetString(Convert.FromBase64String(b)))], s => cot.ParseTak(Latin1.GetBytes(s)) switch
            {
                null => "control",
                { Threat: { } threat } => Placed(threat),
                { Ping: true } => "ping",
                { Alert: { } alert } => Raised(alert),
                { Deletion: not null } => "deletion",
                var o => Outcome(o.Report),
            }),
            new("nmea", Seeds.Nmea, s => nmea.Decode(s, Received) switch
            {
                { Kind: NmeaLineKind.Report } line => Outcome(line.Report),
                var line => line.Kind.ToString().ToLowerInvariant(),
            }, Checksum),
            new("aprs", Seeds.Aprs, s => Outcome(aprs.Parse(s, Received))),
            // A KISS TNC's stream, its bytes as Latin-1 characters: the last frame's outcome, as the client takes it.
            new("kiss", [.. Seeds.Kiss.Select(b => Latin1.GetString(b))], s => Kiss(Latin1.GetBytes(s), aprs)),
            new("osmand", Seeds.OsmAndQuery, s => Outcome(OsmAndParser.ParseQuery(
                QueryHelpers.ParseQuery(s).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase), s, Received))),
            new("osmand-json", Seeds.OsmAndJson, s => Outcome(OsmAndJson.Parse(s, Received))),
            new("json", Seeds.Json, NativeJson),
        ];
    }

    private static string Kiss(byte[] stream, AprsParser aprs)
    {
        var frames = new List<KissFrame>();
        new KissDecoder(1024).Feed(stream, frames);
        return frames.Count == 0 ? "no-frame"
            : frames[^1] switch
            {
                { Oversized: true } => RejectReasons.Name(RejectReason.Oversized),
                { Command: not KissFrame.DataFrame } => "control",
                var frame => Ax25Packet.ToTnc2(frame.Data) is ({ } line, _) ? Outcome(aprs.Parse(line, Received)) : "not-aprs",
            };
    }

    /// <summary>One item of the native batch; JSON that does not parse refuses its whole batch as malformed.</summary>
    private static string NativeJson(string item)
    {
        try
        {
            return Outcome(ReportJson.Parse(System.Text.Encoding.UTF8.GetBytes(item)));
        }
        catch (System.Text.Json.JsonException)
        {
            return RejectReasons.Name(RejectReason.Malformed);
        }
    }

    /// <summary>Recomputes a mutated sentence's checksum half the time, so mutations reach the fields and not only the checksum.</summary>
    private static string Checksum(string sentence)
    {
        var star = sentence.LastIndexOf('*');
        if (!sentence.StartsWith('$') || star < 1 || sentence.Length % 2 == 0)
        {
            return sentence;
        }

        byte sum = 0;
        foreach (var c in sentence.AsSpan(1, star - 1))
        {
            sum ^= (byte)c;
        }

        return FormattableString.Invariant($"{sentence[..(star + 1)]}{sum:X2}");
    }

    /// <summary>Runs <paramref name="count"/> mutated inputs; returns the outcome counts. Exceptions escape.</summary>
    public Dictionary<string, int> Run(int count, int seed)
    {
        var mutator = new Mutator(Corpus, seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var input = mutator.Next();
            var name = Classify(Repair is null ? input : Repair(input));
            outcomes[name] = outcomes.GetValueOrDefault(name) + 1;
        }

        return outcomes;
    }

    internal static bool IsRejectionCode(string name) => RejectReasonCodes.Contains(name);

    private static readonly HashSet<string> RejectReasonCodes = [.. Enum.GetValues<RejectReason>().Select(RejectReasons.Name)];
}
