using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Tests.Assessment;
using Command.Domain.Validation;
using Command.Domain.Views;

namespace Command.Domain.Tests.Incidents;

/// <summary>
/// A source of reports feeding the incident that goes down is recorded as its host says it: the incident keeps it as
/// down, since when and why, until it is heard again; through a restart, in a full frame, and in the after-action report.
/// </summary>
public sealed class SourceOutageTests
{
    private const string Tak = "Ingest:Cot:TakServer";
    private const string TakName = "the TAK Server at 10.20.0.5:8089";
    private const string Udp = "Ingest:Cot:Udp@10.20.0.2:11111";
    private const string Host = "10.20.0.2:11111";

    [Fact]
    public void A_source_down_stands_since_its_host_first_found_it_down_with_why_now_until_it_is_heard_again()
    {
        var drill = new Drill();
        drill.Run(10);
        // The host found it down 6 s before it told the incident (opened meanwhile); another host's clock runs 5 s ahead.
        drill.Feed(new SourceChanged(Tak, TakName, true, "Connection refused", Host, Drill.Start.AddSeconds(4)));
        drill.Run(30);
        drill.Feed(new SourceChanged(Tak, TakName, true, "no answer in 10 s", "10.20.0.3:11111", Drill.Start.AddSeconds(1)));
        drill.Feed(new SourceChanged(Udp, "CoT over UDP on port 8087", true, "could not bind 0.0.0.0:8087: Address already in use", Host, Drill.Start.AddSeconds(45)));

        Assert.Equal(
            [
                new SourceOutage(Tak, TakName, Drill.Start.AddSeconds(4), "no answer in 10 s", "10.20.0.3:11111"),
                new SourceOutage(Udp, "CoT over UDP on port 8087", Drill.Start.AddSeconds(40), "could not bind 0.0.0.0:8087: Address already in use", Host),
            ],
            drill.Projection.SourcesDown.Values);

        drill.Run(20);
        drill.Feed(new SourceChanged(Tak, TakName, false, null, Host));
        Assert.Equal([Udp], drill.Projection.SourcesDown.Keys);
    }

    [Fact]
    public void A_source_down_stays_down_through_a_restart_and_is_in_the_full_frame_a_page_starts_from()
    {
        var drill = new Drill();
        drill.Run(5);
        drill.Feed(new SourceChanged(Tak, TakName, true, "Connection refused", Host));
        drill.Restart();

        var expected = new SourceOutage(Tak, TakName, Drill.Start.AddSeconds(5), "Connection refused", Host);
        Assert.Equal([expected], drill.Projection.SourcesDown.Values);
        Assert.Equal([expected], FrameCoalescer.Full("I1", drill.Projection, drill.Projection.LastSequence).SourcesDown);

        drill.Feed(new SourceChanged(Tak, TakName, false, null, Host));
        drill.Restart();
        Assert.Empty(drill.Projection.SourcesDown);
        Assert.Null(FrameCoalescer.Full("I1", drill.Projection, drill.Projection.LastSequence).SourcesDown);
    }

    [Fact]
    public void A_source_change_is_sent_to_pages_with_the_frame_of_what_changed_and_read_back_from_the_recording()
    {
        var drill = new Drill();
        var frames = new FrameCoalescer();
        drill.Run(5);
        var said = new SourceChanged(Tak, TakName, true, "Connection refused", Host);
        drill.Feed(said);
        frames.Notice(drill.Recorded.SkipWhile(e => e is not SourceChanged));
        var recorded = drill.Recorded.OfType<SourceChanged>().Single();
        Assert.Contains(recorded, frames.Take("I1", drill.Projection, drill.Projection.LastSequence)!.Events);
        Assert.Equal(recorded, EventJson.Deserialize(EventJson.Serialize(recorded)));
        Assert.StartsWith("{\"type\":\"source-changed\"", EventJson.Serialize(recorded), StringComparison.Ordinal);
    }

    [Fact]
    public void What_a_host_says_of_a_source_is_refused_with_control_characters_or_too_long()
    {
        Assert.Null(InputLimits.Check(new SourceChanged(Tak, TakName, true, "Connection refused", Host)));
        Assert.Equal(RejectReason.InvalidValue, InputLimits.Check(new SourceChanged(Tak, TakName, true, "it answered \"\u001b[2J\"", Host))?.Reason);
        Assert.NotNull(InputLimits.Check(new SourceChanged(Tak, new string('x', InputLimits.MaxTextChars + 1), true, null, Host)));
    }

    [Fact]
    public async Task A_source_down_and_heard_again_is_on_the_after_action_timeline_and_in_the_incidents_log()
    {
        var drill = new Drill();
        drill.Run(10);
        drill.Feed(new SourceChanged(Tak, TakName, true, "Connection refused", Host));
        drill.Run(95);
        drill.Feed(new SourceChanged(Tak, TakName, false, null, Host));

        var report = await AfterActionFold.BuildAsync(drill.Recorded.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        const string down = "Nothing heard from the TAK Server at 10.20.0.5:8089: Connection refused (said by host 10.20.0.2:11111)";
        const string heard = "The TAK Server at 10.20.0.5:8089 heard again (said by host 10.20.0.2:11111)";
        Assert.Equal(
            [new TimelineMark(Drill.Start.AddSeconds(10), "source-down", Tak, down), new TimelineMark(Drill.Start.AddSeconds(105), "source-back", Tak, heard)],
            report.Timeline.Where(m => m.Kind.StartsWith("source", StringComparison.Ordinal)));
        Assert.Equal(
            [new ActivityEntry(Drill.Start.AddSeconds(10), null, "source-down", down), new ActivityEntry(Drill.Start.AddSeconds(105), null, "source-back", heard)],
            report.Activity.Where(a => a.Kind.StartsWith("source", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_listener_refusing_part_of_what_comes_is_said_so_and_stands_since_it_began_until_it_goes_down()
    {
        const string fast = "10.20.0.9 sends faster than its rate limit";
        var drill = new Drill();
        drill.Run(10);
        drill.Feed(new SourceChanged(Udp, "CoT over UDP on port 8087", true, fast, Host, Drill.Start.AddSeconds(8), Throttled: true));
        drill.Run(20);
        drill.Feed(new SourceChanged(Udp, "CoT over UDP on port 8087", true, fast, Host, Drill.Start.AddSeconds(25), Throttled: true));
        Assert.Equal(new SourceOutage(Udp, "CoT over UDP on port 8087", Drill.Start.AddSeconds(8), fast, Host, Throttled: true), Assert.Single(drill.Projection.SourcesDown.Values));
        drill.Run(10);
        drill.Feed(new SourceChanged(Udp, "CoT over UDP on port 8087", true, "could not bind", Host, Drill.Start.AddSeconds(40)));
        Assert.Equal(new SourceOutage(Udp, "CoT over UDP on port 8087", Drill.Start.AddSeconds(40), "could not bind", Host), Assert.Single(drill.Projection.SourcesDown.Values));
        drill.Restart();
        Assert.Equal(new SourceOutage(Udp, "CoT over UDP on port 8087", Drill.Start.AddSeconds(40), "could not bind", Host), Assert.Single(drill.Projection.SourcesDown.Values));

        var report = await AfterActionFold.BuildAsync(drill.Recorded.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            new TimelineMark(Drill.Start.AddSeconds(10), "source-throttled", Udp, $"Part of what came through CoT over UDP on port 8087 refused: {fast} (said by host {Host})"),
            report.Timeline.First(m => m.Kind.StartsWith("source", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_listener_whose_host_left_the_cluster_is_said_no_longer_waited_on_not_heard()
    {
        const string udp = "Ingest:Cot:Udp@10.20.0.2:11111";
        var drill = new Drill();
        drill.Run(10);
        drill.Feed(new SourceChanged(udp, "CoT over UDP on port 8087", true, "could not bind 0.0.0.0:8087: Address already in use", Host));
        drill.Run(50);
        drill.Feed(new SourceChanged(udp, "CoT over UDP on port 8087", false, "its host 10.20.0.2:11111 left the cluster", "10.20.0.3:11111"));

        var report = await AfterActionFold.BuildAsync(drill.Recorded.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(drill.Projection.SourcesDown);
        Assert.Equal(
            new TimelineMark(Drill.Start.AddSeconds(60), "source-back", udp,
                "CoT over UDP on port 8087 no longer waited on: its host 10.20.0.2:11111 left the cluster (said by host 10.20.0.3:11111)"),
            report.Timeline.Last(m => m.Kind.StartsWith("source", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_host_that_left_the_cluster_is_kept_with_when_through_a_restart_until_a_run_of_it_is_recorded_restarted()
    {
        // Which host a quiet unit's reports went with, and since when, is said on its row: restored from its snapshot,
        // the incident knew the host had left but no longer when, nor that it was not back.
        var drill = new Drill();
        drill.Run(30);
        drill.Feed(new HostDeparted("10.20.0.2:11111", "10.20.0.3:11111", 4));
        drill.Restart();

        var left = Assert.Single(drill.Projection.HostsLeft);
        Assert.Equal(("10.20.0.2:11111", "10.20.0.3:11111", Drill.Start.AddSeconds(30)), (left.Key, left.Value.By, left.Value.Time));
        drill.Run(10);
        drill.Feed(new HostDeparted("10.20.0.2:11111", "10.20.0.3:11111", 5, Restarted: true));
        Assert.Empty(drill.Projection.HostsLeft);
    }

    [Fact]
    public async Task A_host_that_left_the_cluster_is_said_in_the_report_and_known_after_a_restart()
    {
        var drill = new Drill();
        drill.Run(30);
        drill.Feed(new HostDeparted("10.20.0.2:11111", "10.20.0.3:11111"));
        drill.Restart();

        var report = await AfterActionFold.BuildAsync(drill.Recorded.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["10.20.0.2:11111"], drill.Projection.HostsDeparted);
        const string left = "Host 10.20.0.2:11111 left the cluster: radios and trackers sending to it were not heard until they reached another host (said by host 10.20.0.3:11111)";
        Assert.Equal(new TimelineMark(Drill.Start.AddSeconds(30), "host-left", "10.20.0.2:11111", left), Assert.Single(report.Timeline, m => m.Kind == "host-left"));
        Assert.Equal(new ActivityEntry(Drill.Start.AddSeconds(30), null, "host-left", left), Assert.Single(report.Activity, a => a.Kind == "host-left"));
        Assert.StartsWith("{\"type\":\"host-departed\"", EventJson.Serialize(drill.Recorded.Last()), StringComparison.Ordinal);
    }
    [Fact]
    public async Task A_hosts_leaving_is_said_when_the_cluster_noticed_it_and_when_it_was_last_heard_from()
    {
        // Noticed seconds after it stopped: dated only by the noticing, a host killed at 21:43:23 read as gone at 21:43:32.
        var drill = new Drill();
        drill.Run(30);
        drill.Feed(new HostDeparted("10.20.0.2:11111", "10.20.0.3:11111", 4, LastHeard: Drill.Start.AddSeconds(21)));

        var report = await AfterActionFold.BuildAsync(drill.Recorded.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);
        var recorded = EventJson.Deserialize(EventJson.Serialize(drill.Recorded.Last()));

        var left = FormattableString.Invariant(
            $"Host 10.20.0.2:11111 left the cluster at {Drill.Start.AddSeconds(30):HH:mm:ss} UTC (last heard from at {Drill.Start.AddSeconds(21):HH:mm:ss} UTC): radios and trackers sending to it were not heard until they reached another host (said by host 10.20.0.3:11111)");
        Assert.Equal(left, Assert.Single(report.Timeline, m => m.Kind == "host-left").Text);
        Assert.Equal(left, Assert.Single(report.Activity, a => a.Kind == "host-left").Text);
        Assert.Equal(Drill.Start.AddSeconds(21), Assert.IsType<HostDeparted>(recorded).LastHeard);
    }

    [Fact]
    public void A_hosts_leaving_recorded_before_its_last_heard_time_was_kept_still_reads()
    {
        const string recorded = """{"type":"host-departed","host":"10.20.0.2:11111","by":"10.20.0.3:11111","generation":4,"restarted":true,"sequence":41,"time":"2026-03-14T15:02:30+00:00"}""";

        var departed = Assert.IsType<HostDeparted>(EventJson.Deserialize(recorded));

        Assert.Equal(("10.20.0.2:11111", "10.20.0.3:11111", (int?)4, true, (DateTimeOffset?)null, 41L), (departed.Host, departed.By, departed.Generation, departed.Restarted, departed.LastHeard, departed.Sequence));
    }
}
