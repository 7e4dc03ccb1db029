using Command.Domain.Annotations;
using Command.Recording.Annotations;
using Command.Recording.Tests.Azurite;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.Blob;

public sealed class BlobAnnotationLogTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Annotations_are_kept_in_an_append_blob_beside_the_session_and_read_back_by_another_host()
    {
        var store = await azurite.NewStoreAsync();
        var at = new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
        EvaluatorNote first = new("first", NoteMark.Strength, "P1") { Number = 1, About = at, Written = at, Author = "eval" };
        EvaluatorNote second = new("second", NoteMark.AreaForImprovement) { Number = 2, About = at.AddSeconds(5), Written = at, Author = "eval" };
        var writer = new StoreAnnotationLog(store, TestRecording.Options(TestRecording.TempFolder()), TimeProvider.System);
        await writer.AppendAsync("inc-1", first, Ct);
        await writer.AppendAsync("inc-1", second, Ct);

        var elsewhere = new StoreAnnotationLog(store, TestRecording.Options(TestRecording.TempFolder()), TimeProvider.System);

        Assert.Equal([first, second], await elsewhere.ReadAsync("inc-1", Ct));
    }
}
