using Command.Ingest.Intake;
using Command.Ingest.Nmea;

namespace Command.Ingest.Tests.Nmea;

/// <summary>
/// The lines of one NMEA connection read as its listener reads them, all at one instant: each decoded, each fix's two
/// sentences made one report, what is held until that instant passed on before the next line, and what is held at the
/// end passed on when the connection closes.
/// </summary>
internal static class NmeaConnection
{
    public static List<IncomingReport> Read(IEnumerable<string> lines, DateTimeOffset at, string? unitId = "GPS1", double? maxAccuracyM = null)
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, unitId, maxAccuracyM: maxAccuracyM);
        var epochs = new NmeaEpochs(NmeaOptions.Default.PartnerWait);
        var reports = new List<IncomingReport>();
        foreach (var line in lines)
        {
            reports.AddRange(Some(epochs.Take(decoder.Decode(line, at), at)));
            if (epochs.Due <= at)
            {
                reports.AddRange(Some(epochs.Release()));
            }
        }

        reports.AddRange(Some(epochs.Release()));
        return reports;
    }

    private static IEnumerable<IncomingReport> Some(IncomingReport? report) => report is null ? [] : [report];
}
