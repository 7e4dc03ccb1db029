using Command.Domain.Reports;
using Command.Ingest.Intake;

namespace Command.Ingest.Nmea;

/// <summary>
/// Makes one report of the RMC and GGA a receiver sends for one fix, whichever comes first: RMC carries the date, speed
/// and course, GGA the HDOP (the accuracy) and the altitude; a GNS (NMEA 4.x), where a receiver sends that in GGA's place,
/// gives them as GGA does. The first sentence of a fix is held until its partner with
/// the same time comes, a sentence of another fix comes, or <see cref="NmeaOptions.PartnerWait"/> passes
/// (<see cref="Due"/>; then <see cref="Release"/>, as when the connection ends): a fix is reported once, and never
/// waits longer than that. A sentence of a fix already reported is skipped.
/// </summary>
/// <remarks>
/// A refusal of either sentence (no fix, an HDOP too poor to take, a field that is no number) stands for its fix: the
/// other is not reported without it. A GGA too poor to take was refused while its RMC was taken, with no accuracy at
/// all. A sentence whose time cannot be read (a broken checksum) belongs to no fix and is refused on its own. A
/// connection that has ended two fixes with one sentence each and never sent both of one is a receiver set to send one
/// of the two (a connection's first fix may come alone where it began between a fix's sentences): its sentences are
/// then reported as they come, with nothing to wait for, until it sends a fix's second sentence after all.
/// </remarks>
public sealed class NmeaEpochs(TimeSpan partnerWait)
{
    private Held? held;
    private NmeaEpoch? reported;

    // Whether the connection has sent both sentences of a fix, and how many it has ended with one sentence.
    private bool pairs;
    private int endedAlone;

    /// <summary>When the held sentence is to be reported without its partner; null when none is held.</summary>
    public DateTimeOffset? Due => held?.Due;

    /// <summary>
    /// What a line gives now: a fix (both sentences of one, or a held one that another fix's sentence ended), a
    /// refusal, or nothing (the line held back, of a fix already reported, or of no fix at all).
    /// </summary>
    public IncomingReport? Take(NmeaLine line, DateTimeOffset receivedAt)
    {
        if (line.Kind == NmeaLineKind.Identified)
        {
            // The connection now speaks for another unit: what it held is the last one's, and what it learnt may not hold.
            var last = Release();
            (reported, pairs, endedAlone) = (null, false, 0);
            return last;
        }

        if (line.Report is not { } outcome || line.Epoch is not { } epoch)
        {
            return line.Report;
        }

        if (held is { } first && first.Epoch.TimeOfDay == epoch.TimeOfDay)
        {
            if (first.Epoch.Sentence == epoch.Sentence)
            {
                return null;
            }

            if (!Partners(first.Epoch.Sentence, epoch.Sentence))
            {
                // A GLL carries nothing its fix's RMC, GGA or GNS lacks, nor a GNS what its GGA gives: held first, it gives
                // way to them, and comes after them to nothing.
                if (Fullness(epoch.Sentence) > Fullness(first.Epoch.Sentence))
                {
                    held = first with { Epoch = epoch, Outcome = outcome };
                }

                return null;
            }

            (held, reported, pairs) = (null, epoch, true);
            return Merged(first, outcome);
        }

        if (reported is { } done && done.TimeOfDay == epoch.TimeOfDay)
        {
            pairs |= done.Sentence != epoch.Sentence;
            return null;
        }

        // Another fix's sentence ends the held one alone. One line gives one report at most, so where it ended one and
        // has nothing to wait for, it is held until now: passed on as soon as no line is waiting to be read.
        var ended = Release();
        var wait = partnerWait > TimeSpan.Zero && (pairs || endedAlone < 2) ? partnerWait : TimeSpan.Zero;
        if (wait == TimeSpan.Zero && ended is null)
        {
            reported = epoch;
            return outcome;
        }

        held = new Held(epoch, outcome, receivedAt + wait);
        return ended;
    }

    /// <summary>The held sentence's fix (or refusal), alone: its partner did not come in time, or the connection ended.</summary>
    public IncomingReport? Release()
    {
        if (held is not { } first)
        {
            return null;
        }

        (held, reported) = (null, first.Epoch);
        endedAlone += pairs ? 0 : 1;
        return first.Outcome;
    }

    private static IncomingReport Merged(Held first, IncomingReport second)
    {
        if (first.Outcome.Report is not { } one)
        {
            return first.Outcome;
        }

        if (second.Report is not { } other)
        {
            return second;
        }

        // The GGA's part is a GNS's where the receiver sends that in its place: the same HDOP and altitude.
        var (rmc, gga) = first.Epoch.Sentence == NmeaFixSentence.Rmc ? (one, other) : (other, one);
        var fix = rmc with { AltitudeM = gga.AltitudeM, AltitudeDatum = gga.AltitudeDatum, AccuracyM = gga.AccuracyM };
        return IncomingReport.Parsed(ReportSource.Nmea, $"{first.Outcome.Raw}\n{second.Raw}", fix);
    }

    // RMC's date, speed and course, and GGA's (or GNS's) accuracy and altitude, make a fix between them.
    private static bool Partners(NmeaFixSentence one, NmeaFixSentence other) =>
        (one == NmeaFixSentence.Rmc && other is NmeaFixSentence.Gga or NmeaFixSentence.Gns)
        || (other == NmeaFixSentence.Rmc && one is NmeaFixSentence.Gga or NmeaFixSentence.Gns);

    private static int Fullness(NmeaFixSentence sentence) => sentence switch
    {
        NmeaFixSentence.Gll => 0,
        NmeaFixSentence.Gns => 1,
        _ => 2,
    };

    private sealed record Held(NmeaEpoch Epoch, IncomingReport Outcome, DateTimeOffset Due);
}
