using System.IO.Compression;
using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Reporting.Documents;
using Command.Reporting.Exercises;
using Command.Reporting.Exports;
using Command.Reporting.Ics214;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Ics214;

public sealed class Ics214Tests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<Ics214Form>> FormsAsync(bool withNotes = true) =>
        Ics214Form.Build(await Golden.ReportAsync(), withNotes ? NoteBook.Standing(Golden.Notes) : null, "eval.kim", Golden.WrittenAt);

    [Fact]
    public async Task A_units_log_lists_its_activity_in_order_in_the_sites_time_beside_utc()
    {
        var a1 = (await FormsAsync()).Single(f => f.Subject == "A1");
        using var file = new MemoryStream();
        Ics214Document.WriteDocx(a1, file);
        var docx = Docx.Read(file.ToArray());
        Assert.Empty(Docx.SchemaProblems(file.ToArray(), TestContext.Current.CancellationToken));

        Assert.Equal("Cedar Hollow drill 3", docx.Labelled("1. Incident Name"));
        Assert.Equal("from 2026-01-14 08:00 America/Denver (UTC-07:00; 15:00 UTC) to 2026-01-14 08:06 America/Denver (UTC-07:00; 15:06 UTC)", docx.Labelled("2. Operational Period"));
        Assert.Equal("Dana Ruiz", docx.Labelled("3. Name"));
        Assert.Equal("Contact Team Leader", docx.Labelled("4. ICS Position"));
        Assert.Equal("Cedar Hollow PD", docx.Labelled("5. Home Agency (and Unit)"));
        // Its incident closed, the log is final: prepared as of the close, the same whenever it is exported.
        Assert.Equal("eval.kim, 2026-01-14 08:06 America/Denver (UTC-07:00; 15:06 UTC)", docx.Labelled("8. Prepared by"));
        var later = Ics214Form.Build(await Golden.ReportAsync(), NoteBook.Standing(Golden.Notes), "eval.kim", Golden.WrittenAt.AddDays(3)).Single(f => f.Subject == "A1");
        using var again = new MemoryStream();
        Ics214Document.WriteDocx(later, again);
        Assert.Equal(file.ToArray(), again.ToArray());
        Assert.Equal([["Unit", "Callsign", "Role", "Name", "ICS Position", "Home Agency (and Unit)"], ["A1", "Adam 1", "contact", "Dana Ruiz", "Contact Team Leader", "Cedar Hollow PD"]], docx.Tables[0]);
        Assert.Equal(
        [
            ["Date", "Local time (America/Denver)", "UTC", "Notable Activities"],
            ["2026-01-14", "08:00:00", "15:00:00", "Enrolled as contact (controller)"],
            ["2026-01-14", "08:00:49", "15:00:49", "WATCH flag raised on Adam 1 (A1): holding 20 s at 200 m from the threat; backup level or ahead"],
            ["2026-01-14", "08:00:59", "15:00:59", "Flag on Adam 1 (A1) acknowledged by commander: waiting for a second officer"],
            ["2026-01-14", "08:01:29", "15:01:29", "Flag on Adam 1 (A1) escalated to ALERT while acknowledged: holding 60 s at 200 m from the threat; nearest backup 18 s out"],
            ["2026-01-14", "08:02:00", "15:02:00", "Evaluator note (area for improvement, eval.ortiz): Adam 1 waited at the car for a partner"],
            ["2026-01-14", "08:05:00", "15:05:00", "Flag on Adam 1 (A1) cleared: flags suppressed: contained, declared by commander: subject barricaded"],
        ],
        docx.Tables[1]);
    }

    [Fact]
    public async Task What_enrolment_did_not_say_is_left_blank_and_a_player_gets_no_notes()
    {
        var forms = await FormsAsync(withNotes: false);
        var a4 = forms.Single(f => f.Subject == "A4");

        Assert.Equal(("", "", ""), (a4.Name, a4.IcsPosition, a4.HomeAgency));
        Assert.DoesNotContain(forms.SelectMany(f => f.Activity), a => a.Activity.StartsWith("Evaluator note", StringComparison.Ordinal));
        // A5 reported once: its log says it was not heard again, as its board row went stale.
        Assert.Equal(["08:00:47 On site", "08:00:47 Last heard 95 m from the threat: not heard again in the 5:53 to the end of the record",
            "08:00:54 Reassigned to contact, sent in instead of Adam 1 (A1) (commander)"],
            forms.Single(f => f.Subject == "A5").Activity.Skip(1).Select(a => $"{a.Time.ToOffset(TimeSpan.FromHours(-7)):HH:mm:ss} {a.Activity}"));
    }

    [Fact]
    public async Task Resources_assigned_give_a_reassigned_units_roles_in_turn_as_the_aar_says_them()
    {
        // A1 holds outside as contact and is flagged, then goes to the perimeter 200 s in (08:03:20 in Denver); A5, enrolled
        // unassigned, is sent in as contact five seconds after A1's flag.
        var report = await AfterActionFold.BuildAsync(GoldenDrill.RunAgain("cedar-hollow-8", 1.2, id => id, a1PerimeterAtS: 200).ToAsyncEnumerable(), cancellationToken: Ct);
        var forms = Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt);
        var a5From = new SiteClock("America/Denver").LocalTime(GoldenDrill.FlagAt.AddSeconds(5));
        using var file = new MemoryStream();

        Ics214Document.WriteDocx(forms.Single(f => f.Subject == "A1"), file);

        Assert.Equal(
            [["Unit", "Callsign", "Role", "Name", "ICS Position", "Home Agency (and Unit)"], ["A1", "Adam 1", "contact, perimeter from 08:03:20", "Dana Ruiz", "Contact Team Leader", "Cedar Hollow PD"]],
            Docx.Read(file.ToArray()).Tables[0]);
        Assert.Equal(
            [("A1", "contact, perimeter from 08:03:20"), ("A2", "contact"), ("P3", "perimeter"), ("A4", "contact"), ("A5", $"unassigned, contact from {a5From}")],
            forms[0].Resources.Select(r => (r.UnitId, r.Role)));
        Assert.Equal($"unassigned, contact from {a5From}", Assert.Single(forms.Single(f => f.Subject == "A5").Resources).Role);
        // The AAR/IP says them in the same words.
        var aar = Docx.Read(WordOf(AarDraft.Build(report, [])));
        Assert.Equal(forms[0].Resources.Select(r => r.Role), aar.Tables[0].Skip(1).Select(r => r[2]));
    }

    private static byte[] WordOf(AarDraft draft)
    {
        using var file = new MemoryStream();
        AarDocument.WriteDocx(draft, file);
        return file.ToArray();
    }

    [Fact]
    public async Task Incident_command_logs_the_threat_the_commands_and_what_was_proposed_for_the_roster()
    {
        var command = (await FormsAsync())[0];

        Assert.Equal(Ics214Form.IncidentCommand, command.Subject);
        Assert.Equal("Incident Commander", command.IcsPosition);
        Assert.Equal(["A1", "A2", "P3", "A4", "A5"], command.Resources.Select(r => r.UnitId));
        Assert.Contains(command.Activity, a => a.Activity == "Proposed instead of Adam 1 (A1): Adam 5 (A5) (48 s), Adam 4 (A4) (84 s)");
        Assert.Contains(command.Activity, a => a.Activity == "Adam 5 (A5) reassigned to contact, sent in instead of Adam 1 (A1) (commander)");
        Assert.Equal(command.Activity.OrderBy(a => a.Time), command.Activity);
    }

    [Fact]
    public async Task Incident_command_logs_a_zones_flags_by_the_zones_name_never_its_id()
    {
        var command = (await FormsAsync())[0];

        Assert.Contains(command.Activity, a => a.Activity == "WATCH flag raised on hot zone Hot: has had no contact unit for 60 s while the threat is active");
        Assert.Contains(command.Activity, a => a.Activity == "Flag on hot zone Hot escalated to ALERT: has had no contact unit for 3 min while the threat is active");
        Assert.DoesNotContain(command.Activity, a => a.Activity.Contains("zone:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_logs_come_as_one_zip_of_word_and_csv_files()
    {
        var forms = await FormsAsync();
        using var file = new MemoryStream();
        var done = new List<double>();
        await Ics214Document.WriteZipAsync([.. forms], file, new Progress<double>(done.Add), Ct);

        using var zip = new ZipArchive(new MemoryStream(file.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(
            new[] { "incident-command", "A1", "A2", "P3", "A4", "A5" }.SelectMany(s => new[] { $"ics214-{s}.docx", $"ics214-{s}.csv" }),
            zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry("ics214-A2.csv")!.Open(), Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Ics214Document.CsvHeader, lines[0]);
        Assert.Equal("Cedar Hollow drill 3,A2,Lee Park,,,2026-01-14,08:04:28,15:04:28,America/Denver,Reached the threat (contact),,", lines[^1]);
        using var docx = new MemoryStream();
        await zip.GetEntry("ics214-A2.docx")!.Open().CopyToAsync(docx, Ct);
        Assert.Equal("Lee Park", Docx.Read(docx.ToArray()).Labelled("3. Name"));
    }

    [Fact]
    public async Task A_log_of_names_that_look_like_formulas_is_csv_a_spreadsheet_shows_as_text_alone_and_in_the_zip()
    {
        var a1 = (await FormsAsync()).Single(f => f.Subject == "A1");
        var odd = a1 with
        {
            IncidentName = "=HYPERLINK(\"http://x\",\"click\")", Subject = "=1+1", Name = "+SUM(1,2)", IcsPosition = "@evil", HomeAgency = "-2+3",
            Activity = [new ActivityRow(a1.Activity[0].Time, "=cmd|'/c calc'!A1")],
        };
        using var csv = new MemoryStream();
        using var file = new MemoryStream();

        await Ics214Document.WriteCsvAsync([odd], csv, Ct);
        await Ics214Document.WriteZipAsync([odd], file, null, Ct);

        const string Row = "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",\"'=1+1\",\"'+SUM(1,2)\",\"'@evil\",\"'-2+3\",2026-01-14,08:00:00,15:00:00,America/Denver,\"'=cmd|'/c calc'!A1\",,";
        Assert.Equal([Ics214Document.CsvHeader, Row], Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        using var zip = new ZipArchive(new MemoryStream(file.ToArray()), ZipArchiveMode.Read);
        using var entry = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".csv", StringComparison.Ordinal)).Open(), Encoding.UTF8);
        Assert.Equal([Ics214Document.CsvHeader, Row], (await entry.ReadToEndAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Logs_of_units_named_in_other_scripts_keep_their_letters_and_each_has_a_name_of_its_own()
    {
        // Two that differ only in case are one file where the zip is unpacked on Windows or a Mac.
        string[] ids = ["Адам-1", "Борис-1", "警察-2", "адам-1"];
        var a1 = (await FormsAsync()).Single(f => f.Subject == "A1");
        using var file = new MemoryStream();
        await Ics214Document.WriteZipAsync([.. ids.Select(id => a1 with { Subject = id })], file, null, Ct);

        using var zip = new ZipArchive(new MemoryStream(file.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(
            ["ics214-Адам-1.docx", "ics214-Борис-1.docx", "ics214-警察-2.docx", "ics214-адам-1-2.docx"],
            zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".docx", StringComparison.Ordinal)));
        using var docx = new MemoryStream();
        await zip.GetEntry("ics214-警察-2.docx")!.Open().CopyToAsync(docx, Ct);
        Assert.Equal("ACTIVITY LOG (ICS 214): Adam 1 (警察-2)", Docx.Read(docx.ToArray()).Paragraphs[0].Text);
    }

    [Fact]
    public async Task Logs_of_units_a_radio_named_oddly_unpack_as_plain_distinct_files_that_still_name_the_unit()
    {
        // A CoT uid from an allowed address enrols a unit by that id, whatever it is.
        string[] ids = ["../../evil", "..\\..\\evil2", "a/b?c", "a_b_c", "A_B_C", "<img src=x onerror=alert(1)>", "say \"hi\"", "Adám 12", "..", new string('x', 300)];
        var a1 = (await FormsAsync()).Single(f => f.Subject == "A1");
        using var file = new MemoryStream();
        await Ics214Document.WriteZipAsync([.. ids.Select(id => a1 with { Subject = id })], file, null, Ct);

        using var zip = new ZipArchive(new MemoryStream(file.ToArray()), ZipArchiveMode.Read);
        var docxNames = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".docx", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["ics214-_._evil.docx", "ics214-_._evil2.docx", "ics214-a_b_c.docx", "ics214-a_b_c-2.docx", "ics214-A_B_C-3.docx", "ics214-_img_src_x_onerror_alert_1__.docx",
                "ics214-say__hi_.docx", "ics214-Adám_12.docx", "ics214-_.docx", $"ics214-{new string('x', FileNamePart.MaxChars)}.docx"],
            docxNames);
        Assert.All(zip.Entries, e => Assert.Equal(Path.GetFileName(e.FullName), e.FullName));
        Assert.All(zip.Entries, e => Assert.DoesNotContain("..", e.FullName, StringComparison.Ordinal));
        Assert.Equal(zip.Entries.Count, zip.Entries.Select(e => e.FullName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        for (var i = 0; i < ids.Length; i++)
        {
            using var docx = new MemoryStream();
            await zip.GetEntry(docxNames[i])!.Open().CopyToAsync(docx, Ct);
            Assert.Contains($"ACTIVITY LOG (ICS 214): Adam 1 ({ids[i]})", Docx.Read(docx.ToArray()).Paragraphs.Select(p => p.Text));
        }
    }

    [Fact]
    public async Task A_unit_recorded_under_the_incident_command_logs_id_keeps_its_own_title_beside_the_commanders_log()
    {
        // Sessions recorded before the id was reserved may hold such a unit.
        var forms = await FormsAsync();
        var unit = forms.Single(f => f.Subject == "A1") with { Subject = Ics214Form.IncidentCommand };
        using var file = new MemoryStream();
        await Ics214Document.WriteZipAsync([forms[0], unit], file, null, Ct);

        using var zip = new ZipArchive(new MemoryStream(file.ToArray()), ZipArchiveMode.Read);
        var titles = new List<string>();
        foreach (var name in new[] { "ics214-incident-command.docx", "ics214-incident-command-2.docx" })
        {
            using var docx = new MemoryStream();
            await zip.GetEntry(name)!.Open().CopyToAsync(docx, Ct);
            titles.Add(Docx.Read(docx.ToArray()).Paragraphs.Select(p => p.Text).Single(t => t.StartsWith("ACTIVITY LOG", StringComparison.Ordinal)));
        }

        Assert.Equal(["ACTIVITY LOG (ICS 214): Incident Command", "ACTIVITY LOG (ICS 214): Adam 1 (incident-command)"], titles);
        Assert.True(forms[0].ForIncidentCommand);
        Assert.DoesNotContain(forms.Skip(1), f => f.ForIncidentCommand);
    }

    [Theory]
    [InlineData("A1", "walk1-ics214-A1.docx")]
    [InlineData("../../evil", "walk1-ics214-_._evil.docx")]
    [InlineData(".hidden.", "walk1-ics214-hidden.docx")]
    [InlineData("\u202eAdam 12", "walk1-ics214-_Adam_12.docx")]
    public void A_download_is_named_by_its_ids_as_a_file_may_be_named(string unit, string fileName) =>
        Assert.Equal(fileName, PaperworkExport.FileName("walk1", PaperworkKind.Ics214Docx, unit));
}
