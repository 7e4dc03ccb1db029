namespace Command.Host.Hosting;

/// <summary>
/// The recording's spill folder, checked as a lone host starts: the spill keeps the record on local disk while session
/// storage does not answer, and a folder that cannot be written (under a file, read-only) was found only then, when
/// the events it was there to keep were lost and the report answered 503. A cluster spills nothing.
/// </summary>
public static class SpillFolder
{
    /// <summary>Makes the folder, writes and deletes a file in it, or refuses to start naming the setting and why.</summary>
    public static void CheckWritable(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"This host cannot start: Recording:SpillPath {path} cannot be written ({e.Message}): the spill keeps the record while session storage does not answer", e);
        }
    }
}
