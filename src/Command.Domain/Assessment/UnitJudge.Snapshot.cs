namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    public UnitSnapshot Snapshot() => new(
        UnitId,
        [.. Track.Fixes.Select(f => new FixSnapshot(f.Time, f.Point, f.Sigma, f.AltitudeM, f.Floor))],
        [.. Track.Intervals],
        BaseAltitudeM,
        Anchor,
        State,
        StateSince,
        GraceS,
        GraceFor,
        [.. Noise.Misfits],
        Episode,
        BuildingId,
        ArrivedAt,
        FellBackFrom,
        HoldStreak,
        ProgressStreak,
        [.. IndoorNoise.Misfits],
        OpeningStreak,
        StaleAt,
        StatedSpeedMps,
        StatedMoving);

    public static UnitJudge Restore(UnitSnapshot snapshot, AssessmentOptions options, SiteBuildings buildings)
    {
        var judge = new UnitJudge(snapshot.UnitId, options, buildings)
        {
            BaseAltitudeM = snapshot.BaseAltitudeM,
            Anchor = snapshot.Anchor,
            State = snapshot.State,
            StateSince = snapshot.StateSince,
            GraceS = snapshot.GraceS,
            GraceFor = snapshot.GraceFor,
            Episode = snapshot.Episode,
            BuildingId = snapshot.BuildingId,
            ArrivedAt = snapshot.ArrivedAt,
            FellBackFrom = snapshot.FellBackFrom,
            HoldStreak = snapshot.HoldStreak,
            ProgressStreak = snapshot.ProgressStreak,
            OpeningStreak = snapshot.OpeningStreak,
            StaleAt = snapshot.StaleAt,
            StatedSpeedMps = snapshot.StatedSpeedMps,
            StatedMoving = snapshot.StatedMoving,
        };
        judge.Track.Restore(snapshot.Fixes.Select(f => new TrackFix(f.Time, f.Point, f.Sigma, f.AltitudeM, f.Floor)), snapshot.IntervalsS);
        judge.Noise.Restore(snapshot.NoiseMisfitsM ?? []);
        judge.IndoorNoise.Restore(snapshot.IndoorNoiseMisfitsM ?? []);
        return judge;
    }
}
