using System.Collections;
using System.Text.Json;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Incidents;

/// <summary>No input bricks an incident: what is out of range is refused, what the fold cannot take is passed over.</summary>
public sealed class StreamSafetyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Origin = new(39.74, -104.99);
    private static readonly LocalFrame Frame = new(Origin);

    private static PositionReport Fix(string unit, int second, double north, double? altitude = null) =>
        new(unit, ReportSource.Json, T0.AddSeconds(second), Frame.ToGeo(new LocalPoint(0, north)), altitude, 5);

    private static IncidentStream Opened(AssessmentOptions? options = null, List<IncidentEvent>? recorded = null)
    {
        var stream = new IncidentStream(options);
        recorded ??= [];
        stream.Record(new IncidentOpened("I1", "drill", new Site("campus", Origin, [], []), true, "test", IncidentSchema.Current, AssessmentRules.Current), T0, recorded);
        stream.Record(new ThreatSet(new Threat("T1", Origin, 5, ThreatPhase.Active), "test"), T0, recorded);
        stream.Record(new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "test"), T0, recorded);
        return stream;
    }

    [Fact]
    public void Reports_with_absurd_altitudes_are_recorded_as_refused_and_the_incident_keeps_answering()
    {
        var recorded = new List<IncidentEvent>();
        var stream = Opened(recorded: recorded);

        var refusals = new[] { 1.7e308, -1.7e308, -1.7e308 }.Select((a, i) => stream.Record(new PositionAccepted(Fix("P1", i + 1, -50, a)), T0.AddSeconds(i + 1), recorded)).ToList();

        Assert.All(refusals, r => Assert.Equal(RejectReason.InvalidValue, r?.Reason));
        Assert.Equal(3, recorded.OfType<InputRejected>().Count(r => r.UnitId == "P1"));
        Assert.DoesNotContain(recorded, e => e is PositionAccepted);
        var units = stream.Projection.AssessAll().ToList();
        Assert.Null(Assert.Single(units).LastFix);
        JsonSerializer.Serialize(stream.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
    }

    [Fact]
    public void A_refusal_is_recorded_bounded_however_long_the_id_detail_and_input_it_names()
    {
        var recorded = new List<IncidentEvent>();
        var stream = Opened(recorded: recorded);
        var id = new string('Z', 3_000_000);

        stream.Record(new InputRejected(ReportSource.Json, RejectReason.TooLong, $"unit id is {id.Length} characters (limit 64) {id}", id, $"{{\"unitId\":\"{id}\"}}"), T0.AddSeconds(1), recorded);

        var refused = Assert.IsType<InputRejected>(recorded[^1]);
        Assert.Equal(new string('Z', InputLimits.MaxIdChars) + "…", refused.UnitId);
        Assert.Equal(InputLimits.MaxTextChars + 1, refused.Detail.Length);
        Assert.EndsWith("…[cut 2999613 characters]", refused.Raw, StringComparison.Ordinal);
        Assert.True(EventJson.Serialize(refused).Length < 2_000);
    }

    [Fact]
    public void A_recording_that_holds_a_poisoned_report_is_replayed_past_it_with_the_event_named()
    {
        var recorded = new List<IncidentEvent>();
        Opened(recorded: recorded);
        var poisoned = new PositionAccepted(Fix("P1", 1, -50, 1.7e308)) { Sequence = recorded[^1].Sequence + 1, Time = T0.AddSeconds(1) };
        var good = new PositionAccepted(Fix("P1", 2, -48)) { Sequence = poisoned.Sequence + 1, Time = T0.AddSeconds(2) };

        var stream = new IncidentStream();
        stream.CatchUp([.. recorded, poisoned, good]);

        Assert.Equal(poisoned.Sequence, Assert.Single(stream.PassedOver).Sequence);
        Assert.Equal(good.Report, Assert.Single(stream.Projection.AssessAll()).LastFix);
        Assert.Equal(good.Sequence, stream.LastSequence);
    }

    [Fact]
    public void A_recording_made_before_invisible_characters_were_refused_replays_whole_and_a_new_input_holding_one_is_refused()
    {
        // An officer's ATAK callsign with an emoji built with a zero-width joiner, as a build before this one recorded it.
        const string callsign = "\U0001F46E\u200D\u2642\uFE0F ADAM 12";
        var recorded = new List<IncidentEvent>();
        Opened(recorded: recorded);
        var fix = new PositionAccepted(Fix("P1", 1, -50) with { Callsign = callsign }) { Sequence = recorded[^1].Sequence + 1, Time = T0.AddSeconds(1) };

        var stream = new IncidentStream();
        stream.CatchUp([.. recorded, fix]);
        var refused = stream.Record(new PositionAccepted(Fix("P1", 2, -48) with { Callsign = callsign }), T0.AddSeconds(2), []);

        Assert.Empty(stream.PassedOver);
        Assert.Equal(fix.Report, Assert.Single(stream.Projection.AssessAll()).LastFix);
        Assert.Equal((RejectReason.InvalidValue, "callsign holds an invisible formatting character (U+200D)"), (refused?.Reason, refused?.Detail));
    }

    [Fact]
    public void An_input_the_fold_throws_on_is_recorded_as_refused_and_the_stream_says_it_is_damaged()
    {
        var recorded = new List<IncidentEvent>();
        var roles = new RolesThatThrowOn(UnitRole.Command) { Armed = false };
        var stream = Opened(new AssessmentOptions { ClosingRoles = roles }, recorded);
        stream.Record(new UnitEnrolled("C1", "Command 1", UnitRole.Command, "test"), T0, recorded);
        var before = recorded.Count;
        roles.Armed = true;

        var rejection = stream.Record(new PositionAccepted(Fix("C1", 1, -80)), T0.AddSeconds(1), recorded);

        Assert.Equal(RejectReason.Unprocessable, rejection?.Reason);
        Assert.True(stream.Damaged);
        var refused = Assert.IsType<InputRejected>(Assert.Single(recorded.Skip(before)));
        Assert.Equal((stream.LastSequence, "C1"), (refused.Sequence, refused.UnitId));
    }

    [Fact]
    public void Catching_up_passes_over_an_input_the_fold_throws_on_and_folds_the_rest()
    {
        var recorded = new List<IncidentEvent>();
        var live = Opened(recorded: recorded);
        live.Record(new UnitEnrolled("C1", "Command 1", UnitRole.Command, "test"), T0, recorded);
        live.Record(new PositionAccepted(Fix("C1", 1, -80)), T0.AddSeconds(1), recorded);
        live.Record(new PositionAccepted(Fix("P1", 2, -50)), T0.AddSeconds(2), recorded);

        var stream = new IncidentStream(new AssessmentOptions { ClosingRoles = new RolesThatThrowOn(UnitRole.Command) });
        stream.CatchUp(recorded);

        // The command unit's enrolment is what the fold cannot take here; its fix then finds no such unit.
        var passed = Assert.Single(stream.PassedOver);
        Assert.Equal(recorded.OfType<UnitEnrolled>().Single(p => p.UnitId == "C1").Sequence, passed.Sequence);
        Assert.Equal(RejectReason.Unprocessable, passed.Why.Reason);
        Assert.Equal(recorded[^1].Sequence, stream.LastSequence);
        Assert.NotNull(stream.Projection.Units["P1"].LastFix);
    }

    /// <summary>Closing roles whose lookup throws for one role: a fold that breaks on an input, on purpose.</summary>
    private sealed class RolesThatThrowOn(UnitRole broken) : IReadOnlySet<UnitRole>
    {
        private static readonly HashSet<UnitRole> Roles = [UnitRole.Contact, UnitRole.Unassigned];

        public bool Armed { get; set; } = true;

        public int Count => Roles.Count;

        public bool Contains(UnitRole item) => Armed && item == broken ? throw new InvalidOperationException($"no rule for {item}") : Roles.Contains(item);

        public IEnumerator<UnitRole> GetEnumerator() => Roles.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public bool IsProperSubsetOf(IEnumerable<UnitRole> other) => Roles.IsProperSubsetOf(other);

        public bool IsProperSupersetOf(IEnumerable<UnitRole> other) => Roles.IsProperSupersetOf(other);

        public bool IsSubsetOf(IEnumerable<UnitRole> other) => Roles.IsSubsetOf(other);

        public bool IsSupersetOf(IEnumerable<UnitRole> other) => Roles.IsSupersetOf(other);

        public bool Overlaps(IEnumerable<UnitRole> other) => Roles.Overlaps(other);

        public bool SetEquals(IEnumerable<UnitRole> other) => Roles.SetEquals(other);
    }
}
