using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Units;
using Command.Recording.AfterAction;
using Command.Reporting.Exercises;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Exercises;

public sealed class AarDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_word_draft_of_one_session_is_the_same_bytes_every_time_it_is_written()
    {
        var draft = await Golden.DraftAsync();
        using var first = new MemoryStream();
        AarDocument.WriteDocx(draft, first);
        using var second = new MemoryStream();
        AarDocument.WriteDocx(draft, second);

        // Parts named the same every time, and dated the zip format's first day rather than when they were written:
        // compared by their hashes, two exports of a session say whether anything in it changed.
        Assert.Equal(first.ToArray(), second.ToArray());
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(first.ToArray()));
        Assert.All(zip.Entries, e => Assert.Equal(1980, e.LastWriteTime.Year));
        Assert.Equal(6, Docx.Read(first.ToArray()).Pictures);
        // Valid against the schema Word writes today (its table look takes Word 2010's attributes).
        Assert.Empty(Docx.SchemaProblems(first.ToArray(), Ct));
    }

    [Fact]
    public async Task The_plots_of_a_drill_played_at_2x_run_on_the_drill_s_clock_as_its_durations_do()
    {
        // The golden drill, started at 2x: its durations in the tables are the drill's, and so is the plots' time.
        var report = await AfterActionFold.BuildAsync(GoldenDrill.Recorded
            .Select(e => e is Domain.Events.DrillControlled { Action: "start" } start ? start with { Speed = 2 } : e).ToAsyncEnumerable(), cancellationToken: Ct);
        var blocks = AarDocument.Blocks(AarDraft.Build(report, [])).ToList();

        var said = blocks.OfType<Command.Reporting.Documents.Para>().Single(p => p.Text.StartsWith("The plots' time runs", StringComparison.Ordinal)).Text;
        Assert.EndsWith(", on the drill's clock, as the durations above.", said, StringComparison.Ordinal);
        var i = report.Incident;
        var length = Durations.Clock(report.Elapsed(i.OpenedAt!.Value, i.EndedAt!.Value));
        Assert.Equal(Durations.Clock((i.EndedAt.Value - i.OpenedAt.Value) * 2), length);
        Assert.All(blocks.OfType<Command.Reporting.Documents.Plot>(), p => Assert.Contains($"class=\"tick end\">{length}</text>", p.Svg, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_unit_that_never_reached_the_threat_reads_not_reached_where_the_sessions_recorded_rules_had_its_role_close()
    {
        // Judged with perimeter units closing too, as the session's opening recorded: Perimeter 3, which never came in,
        // did not do its job, and its row says so; with the defaults (the golden drill), its cell is blank.
        var closingPerimeter = Domain.Assessment.AssessmentOptions.Default with { ClosingRoles = new HashSet<UnitRole> { UnitRole.Contact, UnitRole.Perimeter } };
        var report = await AfterActionFold.BuildAsync(GoldenDrill.Recorded
            .Select(e => e is Domain.Events.IncidentOpened opened ? opened with { Assessment = closingPerimeter } : e).ToAsyncEnumerable(), cancellationToken: Ct);
        var units = Table(AarDocument.Blocks(AarDraft.Build(report, [])));
        var byDefault = Table(AarDocument.Blocks(await Golden.DraftAsync()));

        Assert.Equal([UnitRole.Contact, UnitRole.Perimeter], report.ClosingRoles);
        Assert.Matches(@"^not reached, closest \d+ m$", units.Single(r => r[0] == "P3")[6]);
        Assert.Equal("", byDefault.Single(r => r[0] == "P3")[6]);
        // Adam 5, unassigned until it was given contact, never reached the threat: by default both roles close, and its
        // row says no more; under these rules only the second did, and its row says in which.
        Assert.Equal("not reached", byDefault.Single(r => r[0] == "A5")[6]);
        Assert.Equal("not reached as contact", units.Single(r => r[0] == "A5")[6]);
    }

    // The participating units' table, the draft's first.
    private static System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableArray<string>> Table(IEnumerable<Command.Reporting.Documents.Block> blocks) =>
        blocks.OfType<Command.Reporting.Documents.Table>().First().Rows;

    [Fact]
    public async Task A_unit_reassigned_after_its_hold_reads_its_roles_in_turn_and_its_flag_in_the_role_it_was_earned_in()
    {
        // A1 holds 200 m out as contact and is flagged; 200 s in (15:03:20, 08:03:20 in Denver) the commander puts it on
        // the perimeter, which ends its hold. A5, enrolled unassigned, is sent in as contact five seconds after A1's flag.
        var report = await AfterActionFold.BuildAsync(GoldenDrill.RunAgain("cedar-hollow-5", 1.2, id => id, a1PerimeterAtS: 200).ToAsyncEnumerable(), cancellationToken: Ct);
        var draft = AarDraft.Build(report, []);
        using var file = new MemoryStream();
        using var html = new MemoryStream();
        AarDocument.WriteDocx(draft, file);
        await AarDocument.WriteHtmlAsync(draft, html, Ct);
        var docx = Docx.Read(file.ToArray());

        var reassigned = GoldenDrill.T0.AddSeconds(200);
        var a1 = report.Units.Single(u => u.UnitId == "A1");
        Assert.Equal(UnitRole.Perimeter, a1.Role);
        Assert.Equal(
            [(UnitRole.Contact, GoldenDrill.T0, 1, reassigned - GoldenDrill.FlagAt), (UnitRole.Perimeter, reassigned, 0, TimeSpan.Zero)],
            report.RolesOf(a1).Select(r => (r.Role, r.From, r.FlagsRaised, r.LongestFlaggedHold)));
        var units = docx.Tables[0];
        var hold = Durations.Clock(reassigned - GoldenDrill.FlagAt);
        Assert.Equal(["A1", "Adam 1", "contact, perimeter from 08:03:20", "Dana Ruiz", "Cedar Hollow PD", "Contact Team Leader", "not reached as contact, closest 200 m", "", $"{hold} as contact", "1 as contact", "400, every 1 s"], units[1]);
        Assert.Equal($"unassigned, contact from {new SiteClock("America/Denver").LocalTime(GoldenDrill.FlagAt.AddSeconds(5))}", units.Single(r => r[0] == "A5")[2]);
        // A unit that held one role reads as before.
        Assert.Equal(["A2", "Adam 2", "contact", "Lee Park", "", "", "3:58", "0:00", "", "0", "400, every 1 s"], units[2]);
        Assert.Contains("Distance to the threat: Adam 1 (A1, contact, perimeter from 08:03:20); shaded bands are flags, grey where it went unheard.", docx.Paragraphs.Select(p => p.Text));
        Assert.Contains($"<td>contact, perimeter from 08:03:20</td><td>Dana Ruiz</td><td>Cedar Hollow PD</td><td>Contact Team Leader</td><td>not reached as contact, closest 200 m</td><td></td><td>{hold} as contact</td><td>1 as contact</td>",
            Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_not_heard_again_is_a_key_moment_and_its_row_says_when_and_where_it_was_last_heard_as_its_log_does()
    {
        // A5 reported once, at 15:00:47 (08:00:47 in Denver), 95 m from the threat, and was never heard again.
        var draft = await Golden.DraftAsync();
        var said = Command.Reporting.Ics214.Ics214Form.Build(draft.Report, null, "eval.kim", Golden.WrittenAt).Single(f => f.Subject == "A5").Activity
            .Single(a => a.Activity.StartsWith("Last heard", StringComparison.Ordinal)).Activity;
        using var file = new MemoryStream();
        using var html = new MemoryStream();
        AarDocument.WriteDocx(draft, file);
        await AarDocument.WriteHtmlAsync(draft, html, Ct);
        var docx = Docx.Read(file.ToArray());
        var page = Encoding.UTF8.GetString(html.ToArray());

        Assert.Equal("Last heard 95 m from the threat: not heard again in the 5:53 to the end of the record", said);
        const string Moment = "Adam 5 (A5) last heard 95 m from the threat: not heard again in the 5:53 to the end of the record";
        const string Row = "1; last heard 08:00:47, 95 m from the threat; silent for the last 5:53";
        Assert.Contains(["08:00:47", "15:00:47", Moment], docx.Tables[1]);
        Assert.Equal(Row, docx.Tables[0].Single(r => r[0] == "A5")[^1]);
        Assert.Contains($"<td>08:00:47</td><td>15:00:47</td><td>{Moment}</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td>{Row}</td>", page, StringComparison.Ordinal);
        // A unit heard to the end reads as before.
        Assert.Equal("400, every 1 s", docx.Tables[0].Single(r => r[0] == "A2")[^1]);
        Assert.DoesNotContain(docx.Tables[1], r => r[^1].StartsWith("Adam 2 (A2) last heard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_lists_a_reassigned_units_roles_in_turn_in_its_units_table()
    {
        var report = await AfterActionFold.BuildAsync(GoldenDrill.RunAgain("cedar-hollow-6", 1.2, id => id, a1PerimeterAtS: 200).ToAsyncEnumerable(), cancellationToken: Ct);
        using var html = new MemoryStream();

        await AfterActionExport.WriteHtmlAsync(report, html, Ct);

        var page = Encoding.UTF8.GetString(html.ToArray());
        Assert.Contains("<td>A1</td><td>Adam 1</td><td>contact, perimeter from 08:03:20</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>A2</td><td>Adam 2</td><td>contact</td>", page, StringComparison.Ordinal);
        Assert.Contains("<h3>Adam 1 (A1, contact, perimeter from 08:03:20)</h3>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rating_changed_with_no_reason_in_a_log_kept_before_one_was_required_says_so()
    {
        // Annotation logs kept before a change of rating took a reason may hold one without; the draft says it has none
        // rather than print a changed rating as if the why were elsewhere.
        var changed = new Command.Domain.Annotations.RatingDecided("OBJ-2", Command.Domain.Exercises.ExerciseRating.MajorChallenges, Command.Domain.Exercises.ExerciseRating.Unable)
        { Number = 1, About = GoldenDrill.T0.AddSeconds(400), Written = Golden.WrittenAt, Author = "eval.ortiz" };
        var confirmed = new Command.Domain.Annotations.RatingDecided("OBJ-1", Command.Domain.Exercises.ExerciseRating.SomeChallenges, Command.Domain.Exercises.ExerciseRating.SomeChallenges)
        { Number = 2, About = GoldenDrill.T0.AddSeconds(400), Written = Golden.WrittenAt, Author = "eval.kim" };
        using var file = new MemoryStream();

        AarDocument.WriteDocx(AarDraft.Build(await Golden.ReportAsync(), [changed, confirmed]), file);

        Assert.Equal(
        [
            "Confirmed rating: S: Performed with some challenges (confirmed by eval.kim at 09:30:00 (16:30:00 UTC))",
            "Confirmed rating: M: Performed with major challenges (changed by eval.ortiz at 09:30:00 (16:30:00 UTC), with no reason given)",
        ],
        Docx.Read(file.ToArray()).Paragraphs.Where(p => p.Text.StartsWith("Confirmed rating: ", StringComparison.Ordinal)).Select(p => p.Text));
    }

    [Fact]
    public async Task A_unit_that_fell_back_from_the_threat_gives_its_time_out_of_contact_beside_its_time_to_contact()
    {
        // A2 reached the threat 3:58 in; had it then been out of contact 6:50 before it was back, its row says so: by its
        // time to contact alone it reads as an officer who stayed there.
        var report = await AfterActionFold.BuildAsync(GoldenDrill.RunAgain("cedar-hollow-8", 1.2, id => id).ToAsyncEnumerable(), cancellationToken: Ct);
        var fellBack = report with { Units = [.. report.Units.Select(u => u.UnitId == "A2" ? u with { OutOfContact = TimeSpan.FromSeconds(410) } : u)] };
        using var file = new MemoryStream();
        using var csv = new MemoryStream();

        AarDocument.WriteDocx(AarDraft.Build(fellBack, []), file);
        await AfterActionExport.WriteCsvAsync(fellBack, csv, cancellationToken: Ct);

        var units = Docx.Read(file.ToArray()).Tables[0];
        var column = units[0].IndexOf("Out of contact after first contact");
        Assert.Equal(("3:58", "6:50"), (units.Single(r => r[0] == "A2")[column - 1], units.Single(r => r[0] == "A2")[column]));
        Assert.Equal("", units.Single(r => r[0] == "A1")[column]);
        var rows = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        Assert.Equal("410", rows.Single(r => r[0] == "A2")[Array.IndexOf(rows[0], "out_of_contact_s")]);
    }

    [Fact]
    public async Task The_reports_csv_keeps_a_reassigned_units_last_role_in_role_and_lists_its_roles_in_turn_in_roles()
    {
        var report = await AfterActionFold.BuildAsync(GoldenDrill.RunAgain("cedar-hollow-7", 1.2, id => id, a1PerimeterAtS: 200).ToAsyncEnumerable(), cancellationToken: Ct);
        using var csv = new MemoryStream();

        await AfterActionExport.WriteCsvAsync(report, csv, cancellationToken: Ct);

        var rows = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        var (role, roles) = (Array.IndexOf(rows[0], "role"), Array.IndexOf(rows[0], "roles"));
        Assert.Equal((2, rows[0].Length - 11), (role, roles));
        var a1 = rows.Single(r => r[0] == "A1");
        Assert.Equal(("perimeter", "contact@2026-01-14T15:00:00+00:00;perimeter@2026-01-14T15:03:20+00:00"), (a1[role], a1[roles]));
        var a5 = rows.Single(r => r[0] == "A5");
        Assert.Equal(("contact", $"unassigned@2026-01-14T15:00:00+00:00;contact@{IsoTime(GoldenDrill.FlagAt.AddSeconds(5))}"), (a5[role], a5[roles]));
        Assert.Equal(("contact", "contact@2026-01-14T15:00:00+00:00"), (rows.Single(r => r[0] == "A2")[role], rows.Single(r => r[0] == "A2")[roles]));
    }

    private static string IsoTime(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_rating_given_before_the_measure_was_reached_is_judged_against_the_proposal_the_draft_shows()
    {
        // Rated P while the incident was live and nothing was proposed yet, so no reason was asked; the recording now
        // proposes U (OBJ-2) and S (OBJ-1). The P on OBJ-2 differs with no reason: it is one to revisit, and a row of the
        // plan, since the recording proposes U. The S on OBJ-1, given the same way, agrees with what is shown now.
        var early = new Command.Domain.Annotations.RatingDecided("OBJ-2", Command.Domain.Exercises.ExerciseRating.Performed, null)
        { Number = 1, About = GoldenDrill.T0.AddSeconds(100), Written = Golden.WrittenAt, Author = "eval1" };
        var agrees = new Command.Domain.Annotations.RatingDecided("OBJ-1", Command.Domain.Exercises.ExerciseRating.SomeChallenges, null)
        { Number = 2, About = GoldenDrill.T0.AddSeconds(100), Written = Golden.WrittenAt, Author = "eval.kim" };
        const string Revisit = "rated P by eval1 at 09:30:00 (16:30:00 UTC), before the measure was reached (proposed none then); the recording now proposes U: no reason given";
        var draft = AarDraft.Build(await Golden.ReportAsync(), [early, agrees]);
        using var file = new MemoryStream();
        using var html = new MemoryStream();

        AarDocument.WriteDocx(draft, file);
        await AarDocument.WriteHtmlAsync(draft, html, Ct);

        Assert.Equal(
        [
            "Confirmed rating: S: Performed with some challenges (confirmed by eval.kim at 09:30:00 (16:30:00 UTC), before the measure was reached (proposed none then))",
            $"Confirmed rating: P: Performed without challenges; to revisit: {Revisit}",
        ],
        Docx.Read(file.ToArray()).Paragraphs.Where(p => p.Text.StartsWith("Confirmed rating: ", StringComparison.Ordinal)).Select(p => p.Text));
        Assert.Contains($"<b>Confirmed rating:</b> P: Performed without challenges; to revisit: {Revisit}", Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);
        Assert.Contains(draft.Plan, r => r.Objective == draft.Objectives[1].Objective.Title && r.Issue.StartsWith("Proposed unable to be performed: longest flagged hold", StringComparison.Ordinal) && r.Issue.EndsWith($"; {Revisit}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_drill_played_fast_gives_its_duration_on_the_drills_clock_with_the_incidents_beside_it()
    {
        // Played at 2x from the opening: the 6:40 the recording spans are 13:20 of the drill, as every other duration.
        var golden = await Golden.ReportAsync();
        var opened = golden.Incident.OpenedAt!.Value;
        var report = golden with { DrillClockSpans = [new Command.Domain.Incidents.DrillClockSpan(opened, opened, 2)] };
        using var file = new MemoryStream();
        AarDocument.WriteDocx(AarDraft.Build(report, []), file);

        Assert.Equal("13:20 on the drill's clock (6:40 of the incident's)", Docx.Read(file.ToArray()).Labelled("Duration"));
    }

    [Fact]
    public async Task The_word_draft_holds_every_section_with_its_tables_times_ratings_and_plots()
    {
        var draft = await Golden.DraftAsync();
        using var file = new MemoryStream();
        AarDocument.WriteDocx(draft, file);
        var docx = Docx.Read(file.ToArray());

        Assert.Equal(["After-Action Report / Improvement Plan (draft): Cedar Hollow drill 3"], docx.Headings("Title"));
        Assert.Equal(AarDocument.Sections, docx.Headings("Heading1"));
        Assert.Equal(
            ["OBJ-1: First contact team reaches the threat quickly", "OBJ-2: No contact unit holds while the threat is active"],
            docx.Headings("Heading2"));
        Assert.Equal("Cedar Hollow drill 3", docx.Labelled("Exercise name"));
        Assert.Equal("2026-01-14 08:00 America/Denver (UTC-07:00; 15:00 UTC)", docx.Labelled("Date"));
        Assert.Equal("6:40", docx.Labelled("Duration"));
        Assert.Equal("cedar-hollow (version 3)", docx.Labelled("Scenario"));

        // The durations and the plots each say where they run from: the threat went active 30 s after the incident opened.
        Assert.Contains(docx.Paragraphs, p => p.Text == "Time to contact runs from the threat going active at 08:00:30, or from a unit's enrolment where that came later.");
        Assert.Contains(docx.Paragraphs, p => p.Text == "The plots' time runs from the incident's opening at 08:00:00 (0:00).");

        var units = docx.Tables[0];
        Assert.Equal(["Unit", "Callsign", "Role", "Name", "Agency", "ICS position", "Time to contact", "Out of contact after first contact", "Longest flagged hold", "Flags", "Reports"], units[0]);
        // Adam 1, whose role was to close, never reached the threat: its row says so, and how near it came; a perimeter
        // unit's, whose role was not, is left blank.
        Assert.Equal(["A1", "Adam 1", "contact", "Dana Ruiz", "Cedar Hollow PD", "Contact Team Leader", "not reached, closest 200 m", "", "4:11", "1", "400, every 1 s"], units[1]);
        Assert.Equal(["P3", "Perimeter 3", "perimeter", "", "County Sheriff", "", "", "", "", "0", "400, every 1 s"], units[3]);

        var moments = docx.Tables[1];
        Assert.Equal(["Local time", "UTC", "What happened"], moments[0]);
        Assert.Contains(["08:04:28", "15:04:28", "First contact with the threat: Adam 2 (A2)"], moments);

        var proposed = docx.Paragraphs.Where(p => p.Text.StartsWith("Proposed rating: ", StringComparison.Ordinal)).Select(p => p.Text).ToList();
        var confirmed = docx.Paragraphs.Where(p => p.Text.StartsWith("Confirmed rating: ", StringComparison.Ordinal)).Select(p => p.Text).ToList();
        Assert.Equal(["Proposed rating: S: Performed with some challenges", "Proposed rating: U: Unable to be performed"], proposed);
        Assert.Equal(
        [
            "Confirmed rating: not yet confirmed by an evaluator",
            "Confirmed rating: M: Performed with major challenges (changed by eval.ortiz at 09:33:00 (16:33:00 UTC): Adam 1 held, but Adam 5 was sent within seconds)",
        ],
        confirmed);

        var strengths = docx.Tables[3];
        Assert.Equal(["08:03:20 (15:03:20 UTC)", "Adam 2 (A2)", "strength", "Adam 2 went straight in through the south door", "eval.kim"], strengths[1]);

        var plan = docx.Tables[^1];
        Assert.Equal(["Objective", "Issue / area for improvement", "Recommendation", "Owner", "Due date"], plan[0]);
        Assert.Equal(4, plan.Count);
        Assert.All(plan.Skip(1), row => Assert.Equal(["", "", ""], row.Skip(2)));

        // The timeline and a distance plot for each unit with fixes (all five), as SVG pictures.
        Assert.Equal(6, docx.Pictures);
        Assert.Equal(6, docx.SvgParts);
    }

    [Fact]
    public async Task The_html_draft_prints_the_same_sections_notes_and_plots_and_opens_offline()
    {
        var draft = await Golden.DraftAsync();
        using var stream = new MemoryStream();
        await AarDocument.WriteHtmlAsync(draft, stream, Ct);
        var html = Encoding.UTF8.GetString(stream.ToArray());

        var at = 0;
        foreach (var section in AarDocument.Sections)
        {
            at = html.IndexOf($"<h2>{section}</h2>", at, StringComparison.Ordinal);
            Assert.True(at > 0, $"section {section} is missing or out of order");
        }

        Assert.Contains("<td>Adam 1 waited at the car for a partner</td>", html, StringComparison.Ordinal);
        Assert.Contains("<b>Proposed rating:</b> U: Unable to be performed", html, StringComparison.Ordinal);
        Assert.Equal(6, html.Split("<svg ").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_aar_and_the_report_name_a_zone_whose_flag_they_show_by_its_name_never_its_id()
    {
        var draft = await Golden.DraftAsync();
        using var word = new MemoryStream();
        using var aar = new MemoryStream();
        using var report = new MemoryStream();

        AarDocument.WriteDocx(draft, word);
        await AarDocument.WriteHtmlAsync(draft, aar, Ct);
        await Command.Recording.AfterAction.AfterActionExport.WriteHtmlAsync(draft.Report, report, Ct);

        var moments = Docx.Read(word.ToArray()).Tables[1].Select(row => row[^1]).ToList();
        Assert.Contains("Flag raised on hot zone Hot: has had no contact unit for 60 s while the threat is active", moments);
        foreach (var page in new[] { Encoding.UTF8.GetString(aar.ToArray()), Encoding.UTF8.GetString(report.ToArray()) })
        {
            // The timeline's marks are titled with their subject too.
            Assert.Contains("<title>08:01:30 (15:01:30 UTC) hot zone Hot: has had no contact unit for 60 s", page, StringComparison.Ordinal);
            Assert.DoesNotContain("zone:Z-HOT", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(moments, m => m.Contains("zone:Z-HOT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_flag_the_report_counts_is_accounted_on_units_or_on_zones_in_html_csv_and_docx()
    {
        // "flags raised 2" beside a units table whose flags added up to 1: the other was a hot zone's, with no contact unit,
        // shown only on the timeline, and the report read as a miscount.
        var draft = await Golden.DraftAsync();
        var i = draft.Report.Incident;
        var onUnits = draft.Report.Units.Sum(u => u.FlagsRaised);
        var onZones = draft.Report.Flags.Count(f => Command.Domain.Assessment.ClosingAssessment.IsZoneSubject(f.Subject));
        using var csv = new MemoryStream();
        using var html = new MemoryStream();
        using var word = new MemoryStream();

        await AfterActionExport.WriteCsvAsync(draft.Report, csv, AfterActionTable.Incident, Ct);
        await AfterActionExport.WriteHtmlAsync(draft.Report, html, Ct);
        AarDocument.WriteDocx(draft, word);

        Assert.True(onUnits > 0 && onZones > 0);
        Assert.Equal((onUnits + onZones, onZones), (i.FlagsRaised, i.FlagsRaisedOnZones));
        var rows = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"flags_raised,{onUnits + onZones}", rows);
        Assert.Contains($"flags_raised_on_units,{onUnits}", rows);
        Assert.Contains($"flags_raised_on_zones,{onZones}", rows);
        var page = Encoding.UTF8.GetString(html.ToArray());
        Assert.Contains($"<tr><th>flags raised on units</th><td>{onUnits}</td></tr><tr><th>flags raised on zones</th><td>{onZones}</td></tr>", page, StringComparison.Ordinal);
        var zones = onZones == 1 ? "a zone" : "zones";
        Assert.Contains(Docx.Read(word.ToArray()).Paragraphs, p => p.Text.Contains($"{onUnits + onZones} flags raised ({onUnits} on units, {onZones} on {zones}),", StringComparison.Ordinal));
    }

    [Fact]
    public void A_docx_is_only_written_to_a_seekable_stream()
    {
        Assert.Throws<ArgumentException>(() => Command.Reporting.Documents.DocxWriter.Write("x", [], new ForwardOnly()));
    }

    private sealed class ForwardOnly : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
