namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    public UnitSnapshot Snapshot() => new(
        UnitId,
        [.. Track.Fixes.Select(Remember)],
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
        StatedMoving,
        [.. heldBack.Select(h => new HeldBackSnapshot(Remember(h.Fix), h.StaleAt, h.Fix.SpeedMps))],
        TrackFrom,
        ReturnedAt,
        SignedOff,
        HeardAgainAt);

    private static FixSnapshot Remember(TrackFix f) => new(f.Time, f.Point, f.Sigma, f.AltitudeM, f.Floor, f.SpeedMps, f.CourseDeg);

    private static TrackFix Recall(FixSnapshot f) => new(f.Time, f.Point, f.Sigma, f.AltitudeM, f.Floor, f.SpeedMps, f.CourseDeg);

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
            TrackFrom = snapshot.TrackFrom,
            ReturnedAt = snapshot.ReturnedAt,
            SignedOff = snapshot.SignedOff,
            HeardAgainAt = snapshot.HeardAgainAt,
        };
        judge.Track.Restore(snapshot.Fixes.Select(Recall), snapshot.IntervalsS);
        judge.heldBack.AddRange((snapshot.HeldBack ?? []).Select(h => new HeldBackFix(Recall(h.Fix with { SpeedMps = h.Fix.SpeedMps ?? h.SpeedMps }), h.StaleAt)));
        judge.Noise.Restore(snapshot.NoiseMisfitsM ?? []);
        judge.IndoorNoise.Restore(snapshot.IndoorNoiseMisfitsM ?? []);
        return judge;
    }
}
