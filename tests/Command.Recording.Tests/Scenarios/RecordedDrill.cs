using Command.Domain.Events;
using Command.Recording.Reading;
using Command.Recording.Storage;

namespace Command.Recording.Tests.Scenarios;

/// <summary>A drill recorded grain-style to a fresh disk folder.</summary>
public sealed record RecordedDrill(DiskSessionStore Store, List<IncidentEvent> Recorded)
{
    public const string IncidentId = "drill-1";

    public static async Task<RecordedDrill> RecordAsync(int seconds, int snapshotEvery)
    {
        var root = TestRecording.TempFolder();
        var store = new DiskSessionStore(Path.Combine(root, "sessions"));
        await using var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill")));
        var recorder = new GrainLikeRecorder(log, IncidentId, snapshotEvery);
        await recorder.RecordAsync(Drill.Inputs(seconds));
        return new RecordedDrill(store, recorder.Recorded);
    }

    public Task<SessionReader> OpenAsync() => SessionReader.OpenAsync(Store, IncidentId, TestContext.Current.CancellationToken);
}
