using Command.Host.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Hosting;

/// <summary>How a host keeps the holes it found in incidents' records until it can tell them.</summary>
public sealed class RecordingHolesTests
{
    private static readonly Azure.RequestFailedException Refused = new("Connection refused (127.0.0.1:10000)\nStatus: 0\nHeaders: …");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_hole_says_why_as_the_storage_did_where_the_incident_first_said_only_that_it_could_not_record()
    {
        var holes = new RecordingHoles(clock);
        holes.Unrecorded("inc-1", 2, 0, "incident 'inc-1' cannot record now (RequestFailedException); send it again shortly");
        clock.Advance(TimeSpan.FromSeconds(30));
        holes.Failed("inc-1", 3, 0, new InvalidOperationException("activation failed", Refused));
        holes.Failed("inc-1", 0, 1, new TimeoutException("no answer"));
        holes.Failed(null, 0, 0, Refused);
        clock.Advance(TimeSpan.FromSeconds(5));

        var (incident, hole) = Assert.Single(holes.TakeQuietFor(TimeSpan.FromSeconds(5)));

        Assert.Equal(("inc-1", 5, 0, "the incident's storage did not answer (Connection refused (127.0.0.1:10000))"), (incident, hole.Reports, hole.Commands, hole.Detail));
        Assert.Equal((clock.GetUtcNow().AddSeconds(-35), clock.GetUtcNow().AddSeconds(-5)), (hole.From, hole.Until));
        Assert.Empty(holes.TakeQuietFor(TimeSpan.Zero));
    }

    [Fact]
    public void A_hole_handed_back_untold_is_joined_with_the_refusals_since_and_says_why_as_the_storage_did()
    {
        var holes = new RecordingHoles(clock);
        holes.Unrecorded("inc-1", 2, 0, "incident 'inc-1' cannot record now (RequestFailedException); send it again shortly");
        clock.Advance(TimeSpan.FromSeconds(5));
        var (_, taken) = Assert.Single(holes.TakeQuietFor(TimeSpan.FromSeconds(5)));
        clock.Advance(TimeSpan.FromSeconds(20));
        holes.Failed("inc-1", 1, 0, Refused);

        holes.Return("inc-1", taken);
        clock.Advance(TimeSpan.FromSeconds(5));
        var (_, joined) = Assert.Single(holes.TakeQuietFor(TimeSpan.FromSeconds(5)));

        Assert.Equal((3, taken.From, clock.GetUtcNow().AddSeconds(-5), "the incident's storage did not answer (Connection refused (127.0.0.1:10000))"),
            (joined.Reports, joined.From, joined.Until, joined.Detail));
    }

    [Fact]
    public void A_failure_that_is_not_the_storages_counts_nothing_and_a_hole_is_taken_only_once_quiet()
    {
        var holes = new RecordingHoles(clock);
        holes.Failed("inc-1", 4, 0, new TimeoutException("the incident did not answer"));
        Assert.Null(holes.StorageLastFailed);
        Assert.Empty(holes.TakeQuietFor(TimeSpan.Zero));

        holes.Unrecorded("inc-1", 0, 1, "incident 'inc-1' cannot record now (IOException); try again shortly");
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(holes.TakeQuietFor(TimeSpan.FromSeconds(5)));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("incident 'inc-1' cannot record now (IOException)", Assert.Single(holes.TakeQuietFor(TimeSpan.FromSeconds(5))).Hole.Detail);
    }
}
