using System.Text.Json;
using Command.Host.Hosting;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Command.Host.Tests.Hosting;

public sealed class FileGrainStorageTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "command-tests", Guid.NewGuid().ToString("N"));
    private readonly GrainId grain = GrainId.Create("drill", "north/../wing B");

    [Fact]
    public async Task State_written_is_read_back_by_a_new_storage_on_the_same_folder()
    {
        var written = new GrainState<Sample>(new Sample("running", 42.5));
        await Storage().WriteStateAsync("drill", grain, written);

        var read = new GrainState<Sample>();
        await Storage().ReadStateAsync("drill", grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(new Sample("running", 42.5), read.State);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task A_stale_activation_cannot_overwrite_a_newer_write()
    {
        var first = new GrainState<Sample>(new Sample("running", 1));
        await Storage().WriteStateAsync("drill", grain, first);
        var stale = new GrainState<Sample>();
        await Storage().ReadStateAsync("drill", grain, stale);
        first.State = new Sample("paused", 2);
        await Storage().WriteStateAsync("drill", grain, first);

        stale.State = new Sample("stopped", 3);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync("drill", grain, stale));

        var read = new GrainState<Sample>();
        await Storage().ReadStateAsync("drill", grain, read);
        Assert.Equal(new Sample("paused", 2), read.State);
    }

    [Fact]
    public async Task A_write_torn_by_a_kill_leaves_the_previous_state_and_the_key_never_leaves_its_folder()
    {
        await Storage().WriteStateAsync("drill", grain, new GrainState<Sample>(new Sample("running", 7)));
        var file = Directory.GetFiles(root, "*.state", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync($"{file}.0123.tmp", "4\n{\"State\":\"ha", TestContext.Current.CancellationToken);

        var read = new GrainState<Sample>();
        await Storage().ReadStateAsync("drill", grain, read);

        Assert.Equal(new Sample("running", 7), read.State);
        Assert.StartsWith(root, Path.GetFullPath(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_state_is_fresh_and_cleared_state_is_gone()
    {
        var read = new GrainState<Sample>();
        await Storage().ReadStateAsync("drill", grain, read);
        Assert.False(read.RecordExists);

        await Storage().WriteStateAsync("drill", grain, read);
        await Storage().ClearStateAsync("drill", grain, read);
        var again = new GrainState<Sample>();
        await Storage().ReadStateAsync("drill", grain, again);

        Assert.False(again.RecordExists);
        Assert.Null(again.State!.State);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private FileGrainStorage Storage() => new(root, new JsonSerializer());

    public sealed record Sample(string? State, double DrillTimeS)
    {
        public Sample() : this(null, 0)
        {
        }
    }

    private sealed class JsonSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(input));

        public T Deserialize<T>(BinaryData input) => System.Text.Json.JsonSerializer.Deserialize<T>(input.ToMemory().Span)!;
    }
}
