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
