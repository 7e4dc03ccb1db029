namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    public UnitMemory Capture() => new(
        UnitId,
        [.. Track.Fixes.Select(f => new FixMemory(f.Time, f.Point, f.Sigma, f.AltitudeM))],
        [.. Track.Intervals],
        BaseAltitudeM,
        Anchor,
        State,
        StateSince,
        GraceS,
        GraceFor);

    public static UnitJudge Restore(UnitMemory memory, AssessmentOptions options)
    {
        var judge = new UnitJudge(memory.UnitId, options)
        {
            BaseAltitudeM = memory.BaseAltitudeM,
            Anchor = memory.Anchor,
            State = memory.State,
            StateSince = memory.StateSince,
            GraceS = memory.GraceS,
            GraceFor = memory.GraceFor,
        };
        judge.Track.Restore(memory.Fixes.Select(f => new TrackFix(f.Time, f.Point, f.Sigma, f.AltitudeM)), memory.IntervalsS);
        return judge;
    }
}
