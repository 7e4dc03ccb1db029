using Command.Recording.Hosting;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Recording.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Benchmarks.Recording;

/// <summary>
/// A replay left paused at the end of a drill still being recorded, as an after-action team leaves one beside a long
/// drill: an hour of <see cref="FollowUnits"/> units is recorded, a replay follows it, and the bytes each look
/// (<see cref="Command.Recording.Replay.ReplaySession.FollowEvery"/>) reads are counted, with nothing recorded since and
/// with one second of the drill recorded since.
/// </summary>
public static class FollowMacro
{
    /// <summary>Units in the drill.</summary>
    public const int FollowUnits = 100;

    private const string IncidentId = "follow-bench";

    public static async Task RunAsync(TextWriter output)
    {
        var root = Path.Combine(Path.GetTempPath(), "command-bench", $"follow-{Guid.NewGuid():N}");
        try
        {
            var store = new ByteCountingStore(new DiskSessionStore(Path.Combine(root, "sessions")));
            var options = new RecordingOptions { SpillPath = Path.Combine(root, "spill") };
            await using var log = new RecordingSessionLog(store, options, TimeProvider.System, NullLogger<RecordingSessionLog>.Instance);
            var batches = HourSession.Batches(units: FollowUnits, incidentId: IncidentId).ToList();
            foreach (var (batch, snapshot) in batches[..^1])
            {
                await log.AppendAsync(IncidentId, batch);
                if (snapshot is not null)
                {
                    await log.SnapshotAsync(IncidentId, snapshot);
                }
            }

            await log.FlushAsync();
            var manifest = new FileInfo(Path.Combine(root, "sessions", IncidentId, "manifest.json")).Length;
            await using var replay = await new SessionCatalogue(store, TimeProvider.System).OpenReplayAsync(IncidentId, at: HourSession.T0.AddHours(2));
            const int looks = 10;
            store.Bytes = 0;
            for (var i = 0; i < looks; i++)
            {
                await replay.LookAgainAsync();
            }

            var idle = store.Bytes / looks;
            await log.AppendAsync(IncidentId, batches[^1].Batch);
            await log.FlushAsync();
            store.Bytes = 0;
            await replay.LookAgainAsync();
            output.WriteLine($"replay following an hour of {FollowUnits} units (manifest {manifest:N0} bytes):");
            output.WriteLine($"  a look with nothing recorded since reads {idle:N0} bytes");
            output.WriteLine($"  a look after one second recorded ({batches[^1].Batch.Length} events) reads {store.Bytes:N0} bytes");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // Counts the bytes read from the store, whole objects and streams alike.
    private sealed class ByteCountingStore(ISessionStore inner) : ISessionStore
    {
        public long Bytes { get; set; }

        public string Location => inner.Location;

        public async Task<Stream?> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
        {
            return await inner.OpenReadAsync(path, offset, cancellationToken) is { } stream ? new Counted(stream, this) : null;
        }

        public async Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken)
        {
            var bytes = await inner.ReadAllAsync(path, cancellationToken);
            Bytes += bytes?.Length ?? 0;
            return bytes;
        }

        public Task AppendAsync(string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null) => inner.AppendAsync(path, offset, data, cancellationToken, owner);

        public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null) => inner.WriteAsync(path, data, cancellationToken, owner);

        public Task TakeOverAsync(string path, string owner, bool appendable, CancellationToken cancellationToken) => inner.TakeOverAsync(path, owner, appendable, cancellationToken);

        public IAsyncEnumerable<StoredObject> ListAsync(string incidentId, CancellationToken cancellationToken) => inner.ListAsync(incidentId, cancellationToken);

        public IAsyncEnumerable<string> ListSessionsAsync(CancellationToken cancellationToken) => inner.ListSessionsAsync(cancellationToken);

        public Task<int> DeleteSessionAsync(string incidentId, CancellationToken cancellationToken) => inner.DeleteSessionAsync(incidentId, cancellationToken);

        public Task EnsureCreatedAsync(CancellationToken cancellationToken) => inner.EnsureCreatedAsync(cancellationToken);
    }

    private sealed class Counted(Stream inner, ByteCountingStore store) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counting(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counting(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counting(int read)
        {
            store.Bytes += read;
            return read;
        }
    }
}
