using Command.Domain.Events;
using Command.Recording.Reading;
using Command.Recording.Storage;

namespace Command.Faults.Tests.Support;

/// <summary>What a session's recording holds against what the host acknowledged.</summary>
/// <param name="Acknowledged">Reports the host said it holds.</param>
/// <param name="Recorded">Of those, the ones recorded as accepted (each once).</param>
/// <param name="Lost">Acknowledged and not recorded as accepted.</param>
/// <param name="RecordedTwice">Acknowledged and recorded as accepted more than once.</param>
/// <param name="Events">Events in the recording.</param>
/// <param name="SequencesInOrder">Sequences rise by one from the first event to the last: none used twice, none skipped.</param>
/// <param name="SequencesRise">Each event's sequence is greater than the one before it: none used twice, none going back.</param>
/// <param name="FixesInOrder">Each unit's accepted fixes come in the order of their fix times.</param>
public sealed record RecordingCheck(int Acknowledged, int Recorded, int Lost, int RecordedTwice, int Events, bool SequencesInOrder, bool SequencesRise, bool FixesInOrder)
{
    public static async Task<RecordingCheck> ReadAsync(ISessionStore store, string incidentId, IReadOnlyCollection<(string Unit, long Ticks)> acknowledged, CancellationToken cancellationToken)
    {
        var reader = await SessionReader.OpenAsync(store, incidentId, cancellationToken);
        var events = await reader.ReadAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var accepted = events.OfType<PositionAccepted>().GroupBy(p => (p.Report.UnitId, p.Report.FixTime.UtcTicks)).ToDictionary(g => g.Key, g => g.Count());
        var recorded = acknowledged.Count(a => accepted.GetValueOrDefault(a) == 1);
        var twice = acknowledged.Count(a => accepted.GetValueOrDefault(a) > 1);
        var sequences = events.Select(e => e.Sequence).ToList();
        var fixesInOrder = events.OfType<PositionAccepted>().GroupBy(p => p.Report.UnitId)
            .All(g => g.Select(p => p.Report.FixTime).SequenceEqual(g.Select(p => p.Report.FixTime).Order()));
        return new RecordingCheck(
            acknowledged.Count, recorded, acknowledged.Count - recorded - twice, twice, events.Count,
            sequences.SequenceEqual(Enumerable.Range((int)sequences[0], sequences.Count).Select(i => (long)i)),
            sequences.Zip(sequences.Skip(1)).All(p => p.Second > p.First), fixesInOrder);
    }

    public override string ToString() =>
        $"acknowledged {Acknowledged}, recorded {Recorded}, lost {Lost}, recorded twice {RecordedTwice}; {Events} events, sequences in order: {SequencesInOrder}, rising: {SequencesRise}, fixes in order: {FixesInOrder}";
}
