using Command.Ingest.Listeners;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// How a source stands is kept with the incident it feeds and whether the cluster shares it, and why it is down as
/// words the page and the incident's recording take: a source that answers in something else writes part of them.
/// </summary>
public sealed class IngestSourcesTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Why_a_source_is_down_is_kept_as_plain_words_of_at_most_300_characters_since_it_first_went_down()
    {
        var clock = new FakeTimeProvider(Start);
        var sources = new IngestSources(clock);
        var told = new List<SourceState>();
        sources.Changed += told.Add;

        sources.Set("Ingest:Cot:TakServer", "drill-7", shared: true, "the TAK Server at 10.0.0.5:8089", SourceCondition.Unreachable, "it answered \"\u001b[2J\u0007bad\u200B\"");
        clock.Advance(TimeSpan.FromSeconds(20));
        sources.Set("Ingest:Cot:TakServer", "drill-7", shared: true, "the TAK Server at 10.0.0.5:8089", SourceCondition.Unreachable, new string('x', 1000));

        var state = Assert.Single(sources.All());
        Assert.Equal(("drill-7", true, true, Start), (state.Incident, state.Shared, state.Down, state.Since));
        Assert.Equal("it answered \" [2J bad\"", told[0].Detail);
        Assert.Equal(IngestSources.MostDetailChars, state.Detail!.Length);
        Assert.EndsWith("x…", state.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listener_refusing_what_an_address_sends_too_fast_stands_throttled_until_30_s_pass_without_a_refusal()
    {
        var clock = new FakeTimeProvider(Start);
        var sources = new IngestSources(clock);
        var told = new List<SourceState>();
        sources.Set("Ingest:Cot:Udp", "drill-7", shared: false, "CoT over UDP on port 8087", SourceCondition.Listening);
        sources.Changed += told.Add;

        clock.Advance(TimeSpan.FromSeconds(5));
        sources.RefusedTooFast("Ingest:Cot:Udp", "10.0.0.9");
        clock.Advance(TimeSpan.FromSeconds(20));
        sources.RefusedTooFast("Ingest:Cot:Udp", "10.0.0.9");
        clock.Advance(TimeSpan.FromSeconds(29));
        sources.EndThrottling();

        // Told once as it began, however many datagrams it refuses; neither down nor listening meanwhile.
        var throttled = Assert.Single(told);
        Assert.Equal((SourceCondition.Throttled, false, true, Start.AddSeconds(5)), (throttled.Condition, throttled.Down, throttled.Throttled, throttled.Since));
        Assert.Equal(
            "10.0.0.9 sends faster than its rate limit; what it sends beyond that is refused, and the units it carries go stale (a relay sending for many units gets a limit of its own: Ingest:Cot:Udp:Allow:<n>:Address and RatePerSecond)",
            throttled.Detail);

        clock.Advance(TimeSpan.FromSeconds(1));
        sources.EndThrottling();
        Assert.Equal([SourceCondition.Throttled, SourceCondition.Listening], told.Select(s => s.Condition));
        Assert.Null(Assert.Single(sources.All()).Detail);

        // A listener that could not bind is down, not throttled, whatever it is said to refuse.
        sources.Set("Ingest:Nmea:Tcp", "drill-7", shared: false, "NMEA over TCP on port 10110", SourceCondition.NotBound, "could not bind");
        sources.RefusedTooFast("Ingest:Nmea:Tcp", "10.0.0.9");
        Assert.Equal(SourceCondition.NotBound, sources.All().Single(s => s.Section == "Ingest:Nmea:Tcp").Condition);
    }

    [Fact]
    public void A_source_feeds_the_incidents_its_units_were_routed_to_for_an_hour_after_the_last()
    {
        var clock = new FakeTimeProvider(Start);
        var sources = new IngestSources(clock);

        sources.Fed("Ingest:Cot:TakServer", "west");
        clock.Advance(TimeSpan.FromMinutes(30));
        sources.Fed("Ingest:Cot:TakServer", "east");
        sources.Fed("Ingest:Aprs:Kiss", "north");
        var both = sources.Feeds("Ingest:Cot:TakServer");
        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(["east", "west"], both);
        Assert.Equal(["east"], sources.Feeds("Ingest:Cot:TakServer"));
        Assert.Empty(sources.Feeds("Ingest:Nmea:Tcp"));
    }
}
