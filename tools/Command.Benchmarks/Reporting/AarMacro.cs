using System.Collections.Immutable;
using System.Diagnostics;
using Command.Benchmarks.Recording;
using Command.Domain.Annotations;
using Command.Domain.Exercises;
using Command.Recording.AfterAction;
using Command.Recording.Reading;
using Command.Reporting.Exports;

namespace Command.Benchmarks.Reporting;

/// <summary>
/// The AAR/IP export of the recorded hour (500 units, 1.8 M positions), as an evaluator asks for it: the session read
/// and folded into its report, then the draft written as Word (to memory, the seekable store the host uses) and as
/// HTML, and every unit's ICS-214 log zipped. The hour was recorded with no exercise, so two objectives and a hundred
/// notes are put beside it, as an evaluated drill has them; rating them is part of the write. Prints each step's time,
/// best of three; the target is the whole AAR under 10 s.
/// </summary>
public static class AarMacro
{
    public static async Task RunAsync(TextWriter output, int runs = 3)
    {
        await RecordedHour.EnsureAsync();
        var exercise = new Exercise("bench-hour", "1",
        [
            new ExerciseObjective("OBJ-1", "First contact quickly", [new ObjectiveMeasure(ExerciseMeasures.FirstContact, 180, 300, 600)]),
            new ExerciseObjective("OBJ-2", "No unit holds", [new ObjectiveMeasure(ExerciseMeasures.LongestHold, 30, 60, 120), new ObjectiveMeasure(ExerciseMeasures.FirstEntry, 120, 240, 480)]),
        ]);
        ImmutableArray<Annotation> notes = [.. Enumerable.Range(1, 100).Select(n => (Annotation)new EvaluatorNote(
            $"Observation {n} on unit u{n * 5 % HourSession.Units:D3}", (NoteMark)(n % 3), $"u{n * 5 % HourSession.Units:D3}", n % 2 == 0 ? "OBJ-1" : "OBJ-2")
        { Number = n, About = HourSession.T0.AddSeconds(n * 30), Written = HourSession.T0.AddHours(2), Author = "bench" })];
        var read = new List<double>();
        var docx = new List<double>();
        var html = new List<double>();
        var zip = new List<double>();
        long docxBytes = 0, htmlBytes = 0, zipBytes = 0;
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var reader = await SessionReader.OpenAsync(RecordedHour.Store, HourSession.IncidentId);
            var report = await AfterActionExport.BuildAsync(reader) with { Exercise = exercise };
            read.Add(watch.Elapsed.TotalMilliseconds);
            docxBytes = await Timed(docx, s => PaperworkExport.WriteAsync(PaperworkKind.AarDocx, report, notes, null, "bench", HourSession.T0, s, null, CancellationToken.None));
            htmlBytes = await Timed(html, s => PaperworkExport.WriteAsync(PaperworkKind.AarHtml, report, notes, null, "bench", HourSession.T0, s, null, CancellationToken.None));
            zipBytes = await Timed(zip, s => PaperworkExport.WriteAsync(PaperworkKind.Ics214Zip, report, notes, null, "bench", HourSession.T0, s, null, CancellationToken.None));
        }

        output.WriteLine($"AAR export of the recorded hour ({HourSession.Units} units, {HourSession.Seconds} s), best of {runs}:");
        output.WriteLine($"  read and fold the session:      {read.Min():F0} ms");
        output.WriteLine($"  AAR/IP as Word:                 {docx.Min():F0} ms ({docxBytes / 1024.0:F0} KiB)");
        output.WriteLine($"  AAR/IP as HTML:                 {html.Min():F0} ms ({htmlBytes / 1024.0:F0} KiB)");
        output.WriteLine($"  AAR/IP, read to Word, in all:   {read.Min() + docx.Min():F0} ms (target under 10,000 ms)");
        output.WriteLine($"  every ICS-214 log, zipped:      {zip.Min():F0} ms ({zipBytes / 1024.0:F0} KiB, {HourSession.Units + 1} logs in Word and CSV)");
    }

    private static async Task<long> Timed(List<double> times, Func<Stream, Task> write)
    {
        using var stream = new MemoryStream();
        var watch = Stopwatch.StartNew();
        await write(stream);
        times.Add(watch.Elapsed.TotalMilliseconds);
        return stream.Length;
    }
}
