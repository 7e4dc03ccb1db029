using System.Globalization;
using System.Text;
using Orleans.Storage;

namespace Command.Host.Hosting;

/// <summary>
/// Grain state as one file per grain under a folder of the data folder, for state a single host must keep across a
/// restart. Each write goes to a temporary file first and replaces the old one whole, so a host killed mid-write
/// leaves the previous state, never half of the next. The ETag is the write count, so a stale activation's write
/// fails rather than overwrites.
/// </summary>
public sealed class FileGrainStorage(string root, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        var (version, data) = Split(await File.ReadAllBytesAsync(path), path);
        grainState.State = serializer.Deserialize<T>(data);
        grainState.RecordExists = true;
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var stored = File.Exists(path) ? Split(await File.ReadAllBytesAsync(path), path).Version : (long?)null;
        Check(stored, grainState.ETag, grainId, "write");
        var version = (stored ?? 0) + 1;
        var data = serializer.Serialize(grainState.State);
        var header = Encoding.ASCII.GetBytes(version.ToString(CultureInfo.InvariantCulture) + "\n");
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await file.WriteAsync(header);
            await file.WriteAsync(data.ToMemory());
            await file.FlushAsync();
        }

        File.Move(temporary, path, overwrite: true);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (File.Exists(path))
        {
            Check(Split(await File.ReadAllBytesAsync(path), path).Version, grainState.ETag, grainId, "clear");
            File.Delete(path);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private static void Check(long? stored, string? etag, GrainId grainId, string action)
    {
        var expected = etag is null ? (long?)null : long.Parse(etag, CultureInfo.InvariantCulture);
        if (stored != expected)
        {
            throw new InconsistentStateException(
                $"Could not {action} the state of {grainId}: it is at version {stored?.ToString(CultureInfo.InvariantCulture) ?? "none"}, this activation read {etag ?? "none"}.",
                stored?.ToString(CultureInfo.InvariantCulture) ?? "none", etag ?? "none");
        }
    }

    private static (long Version, BinaryData Data) Split(byte[] bytes, string path)
    {
        var end = Array.IndexOf(bytes, (byte)'\n');
        if (end < 1 || !long.TryParse(bytes.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidDataException($"Grain state file {path} has no version line; it was not written by this host.");
        }

        return (version, BinaryData.FromBytes(bytes.AsMemory(end + 1)));
    }

    // Grain ids name types and keys a file system may not take as they are: the name is their hex, in a folder per type.
    private string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(root, Safe(stateName), Safe(grainId.Type.ToString()!), Convert.ToHexString(Encoding.UTF8.GetBytes(grainId.Key.ToString()!)) + ".state");

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
