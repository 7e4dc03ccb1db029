namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    public UnitSnapshot Snapshot() => new(
        UnitId,
        [.. Track.Fixes.Select(f => new FixSnapshot(f.Time, f.Point, f.Sigma, f.AltitudeM))],
        [.. Track.Intervals],
        BaseAltitudeM,
        Anchor,
        State,
        StateSince,
        GraceS,
        GraceFor);

    public static UnitJudge Restore(UnitSnapshot snapshot, AssessmentOptions options)
    {
        var judge = new UnitJudge(snapshot.UnitId, options)
        {
            BaseAltitudeM = snapshot.BaseAltitudeM,
            Anchor = snapshot.Anchor,
            State = snapshot.State,
            StateSince = snapshot.StateSince,
            GraceS = snapshot.GraceS,
            GraceFor = snapshot.GraceFor,
        };
        judge.Track.Restore(snapshot.Fixes.Select(f => new TrackFix(f.Time, f.Point, f.Sigma, f.AltitudeM)), snapshot.IntervalsS);
        return judge;
    }
}
