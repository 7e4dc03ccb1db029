using System.Globalization;

namespace Command.Domain.AfterAction;

public sealed partial class AfterActionFold
{
    // Why a unit's log says it went unheard: not its device's silence but its host's going.
    internal static string HostDown(string host, DateTimeOffset leftAt) =>
        $"its fixes were lost while its host {host} was down (it left the cluster at {Utc(leftAt)} UTC)";

    internal static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    // A host's leaving, in the timeline (so the AAR/IP's key moment) and incident command's log, says which units' fixes
    // it took with it and for how long: measured from the recording, every unit whose reports stopped before it left and
    // resumed after, longer than their cadence explains, and that reported through it where the recording says which host
    // took its reports in. Said once the record is read to its end, for who came back is known only then.
    private void SayUnitsUnheardWithHosts()
    {
        foreach (var (at, host) in departures)
        {
            var lost = fixesLost.Where(l => l.Host == host && l.DepartedAt == at).ToList();
            if (lost.Count == 0)
            {
                continue;
            }

            var unheard = $"; {UnitsUnheard(lost)}";
            for (var i = 0; i < timeline.Count; i++)
            {
                if (timeline[i] is { Kind: "host-left" } mark && mark.Subject == host && mark.Time == at)
                {
                    timeline[i] = mark with { Text = mark.Text + unheard };
                }
            }

            for (var i = 0; i < activity.Count; i++)
            {
                if (activity[i] is { Kind: "host-left", UnitId: null } said && said.Time == at && said.Text.StartsWith($"Host {host} ", StringComparison.Ordinal))
                {
                    activity[i] = said with { Text = said.Text + unheard };
                }
            }
        }
    }

    // A unit's silence that a hole in the record overlaps says so: its reports may have been among those refused then, and
    // "no report of it was taken" alone reads as its device gone dark. Said once the record is read to its end, for a
    // hole is told only once the incident records again, after the fix that ends the silence.
    private void SaySilencesInHoles()
    {
        foreach (var (entry, from, until, _) in silences)
        {
            var overlapping = holes.Where(h => h.From <= until && h.Until >= from).Select(h => $"{Utc(h.From)}–{Utc(h.Until)} UTC ({h.Refused} refused through host {h.Host})").Distinct().ToList();
            if (overlapping.Count > 0)
            {
                activity[entry] = activity[entry] with { Text = $"{activity[entry].Text}; the incident could not record {string.Join(", ", overlapping)}, so its reports then may be among those refused" };
            }

            // Its host stopped: the unit was not heard because nothing was.
            foreach (var resumed in resumes.Where(r => r.Time <= until && r.Resumed >= from))
            {
                activity[entry] = activity[entry] with { Text = $"{activity[entry].Text}; the incident was {resumed.Said()}" };
            }
        }
    }

    // A unit's silence that the outage of the source it reported through overlaps says so, and the source's going down, in
    // the timeline and incident command's log, says which units went unheard with it: "no report of it was taken" alone
    // reads as its radio gone dark. Said once the record is read to its end, for who came back is known only then.
    private void SaySilencesWithSources()
    {
        var unheard = new Dictionary<SourceDownSpan, List<FixesLost>>();
        foreach (var (entry, from, until, through) in silences)
        {
            if (sourceDowntime.During(through, from, until) is { } span)
            {
                activity[entry] = activity[entry] with { Text = $"{activity[entry].Text}; {span.Said()}" };
                Unheard(span, new FixesLost(activity[entry].UnitId!, null, null, from, until));
            }
        }

        foreach (var (span, lost) in silentToEndWithSources)
        {
            Unheard(span, lost);
        }

        foreach (var (span, lost) in unheard)
        {
            if (!sourceSaid.TryGetValue((span.SourceId, span.RecordedAt), out var said))
            {
                continue;
            }

            var units = $"; {UnitsUnheard([.. lost.OrderBy(l => l.LastHeard)])}";
            timeline[said.Mark] = timeline[said.Mark] with { Text = timeline[said.Mark].Text + units };
            activity[said.Entry] = activity[said.Entry] with { Text = activity[said.Entry].Text + units };
        }

        void Unheard(SourceDownSpan span, FixesLost lost)
        {
            if (!unheard.TryGetValue(span, out var all))
            {
                unheard[span] = all = [];
            }

            all.Add(lost);
        }
    }

    // "3 units that reported through it unheard 15:03:49–15:04:31 UTC (0:42): Adam 1 (A1), Adam 2 (A2), Perimeter 3 (P3)":
    // from the last of them heard before to the first heard again, the span every one was unheard; one back later, or
    // never, is said apart.
    private string UnitsUnheard(List<FixesLost> lost)
    {
        var from = lost.Max(l => l.LastHeard);
        var back = lost.Where(l => l.HeardAgain is not null).Select(l => l.HeardAgain!.Value).ToList();
        var units = lost.Count == 1 ? "1 unit that reported through it" : $"{lost.Count} units that reported through it";
        var names = string.Join(", ", lost.Select(l => Named(l.UnitId)));
        if (back.Count == 0)
        {
            return $"{units} unheard from {Utc(from)} UTC, none heard again before the end of the record: {names}";
        }

        var first = back.Min();
        var later = back.Max() > first ? $"; the last of them heard again at {Utc(back.Max())} UTC" : "";
        var never = lost.Where(l => l.HeardAgain is null).Select(l => Named(l.UnitId)).ToList();
        var gone = never.Count > 0 ? $"; not heard again: {string.Join(", ", never)}" : "";
        return $"{units} unheard {Utc(from)}–{Utc(first)} UTC ({Durations.Clock(first - from)}): {names}{later}{gone}";
    }
}
