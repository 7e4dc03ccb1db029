using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Validation;

public sealed class ReportScreenTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static PositionReport Report(double lat = 39.74, double lon = -104.99, double ageSeconds = 1, double? accuracy = 5) =>
        new("P1", ReportSource.Json, Now.AddSeconds(-ageSeconds), new GeoPoint(lat, lon), AccuracyM: accuracy);

    [Fact]
    public void A_good_report_passes()
    {
        Assert.Null(ReportScreen.Check(Report(), Now, ValidationOptions.Default));
    }

    [Theory]
    [InlineData(91, 0)]
    [InlineData(-90.0001, 0)]
    [InlineData(10, 180.5)]
    [InlineData(double.NaN, 0)]
    public void Coordinates_outside_wgs84_are_invalid(double lat, double lon)
    {
        Assert.Equal(RejectReason.InvalidCoordinates, ReportScreen.Check(Report(lat, lon), Now, ValidationOptions.Default)?.Reason);
    }

    [Fact]
    public void Zero_zero_is_refused_as_a_receiver_without_fix()
    {
        var rejection = ReportScreen.Check(Report(0, 0), Now, ValidationOptions.Default);
        Assert.Equal(RejectReason.ZeroPosition, rejection?.Reason);
        Assert.Equal("zero-position", rejection?.Code);
    }

    [Fact]
    public void Fix_more_than_5_s_ahead_is_future()
    {
        Assert.Null(ReportScreen.Check(Report(ageSeconds: -5), Now, ValidationOptions.Default));
        var rejection = ReportScreen.Check(Report(ageSeconds: -6), Now, ValidationOptions.Default);
        Assert.Equal(new Rejection(RejectReason.FutureFix, "fix time is 6 s ahead of the receiving clock (limit 5 s)"), rejection);
    }

    [Fact]
    public void Fix_just_past_a_limit_shows_by_how_much()
    {
        var ahead = ReportScreen.Check(Report(ageSeconds: -5.2), Now, ValidationOptions.Default);
        var old = ReportScreen.Check(Report(ageSeconds: 300.04), Now, ValidationOptions.Default);
        var poor = ReportScreen.Check(Report(accuracy: 100.3), Now, ValidationOptions.Default);

        Assert.Equal("fix time is 5.2 s ahead of the receiving clock (limit 5 s)", ahead?.Detail);
        Assert.Equal("fix is 300.04 s old (limit 300 s)", old?.Detail);
        Assert.Equal("accuracy 100.3 m is worse than the 100 m limit", poor?.Detail);
    }

    [Fact]
    public void A_fix_dated_1024_gps_weeks_back_says_its_receivers_week_number_rolled_over()
    {
        var rolledOver = ReportScreen.Check(Report(ageSeconds: ReportScreen.GpsWeekRollover.TotalSeconds + 1), Now, ValidationOptions.Default);
        var yearOld = ReportScreen.Check(Report(ageSeconds: 365 * 86400), Now, ValidationOptions.Default);

        Assert.Equal(
            "fix is 619315201 s old (limit 300 s); the device dates its fixes 1024 GPS weeks back (19.6 years): its week number rolled over, and its firmware needs updating",
            rolledOver?.Detail);
        Assert.Equal("fix is 31536000 s old (limit 300 s)", yearOld?.Detail);
    }

    [Fact]
    public void A_spoof_stamped_29_s_ahead_is_future_unless_the_limit_is_widened()
    {
        Assert.Equal(RejectReason.FutureFix, ReportScreen.Check(Report(ageSeconds: -29), Now, ValidationOptions.Default)?.Reason);
        Assert.Null(ReportScreen.Check(Report(ageSeconds: -29), Now, ValidationOptions.Default with { MaxFutureSkew = TimeSpan.FromSeconds(30) }));
    }

    [Fact]
    public void Fix_older_than_five_minutes_is_too_old()
    {
        Assert.Equal(RejectReason.TooOld, ReportScreen.Check(Report(ageSeconds: 301), Now, ValidationOptions.Default)?.Reason);
    }

    [Fact]
    public void Accuracy_worse_than_100_m_is_refused()
    {
        Assert.Null(ReportScreen.Check(Report(accuracy: 100), Now, ValidationOptions.Default));
        Assert.Equal(RejectReason.PoorAccuracy, ReportScreen.Check(Report(accuracy: 101), Now, ValidationOptions.Default)?.Reason);
    }

    [Fact]
    public void Missing_unit_id_is_a_missing_field()
    {
        var rejection = ReportScreen.Check(Report() with { UnitId = " " }, Now, ValidationOptions.Default);
        Assert.Equal(RejectReason.MissingField, rejection?.Reason);
    }
}
