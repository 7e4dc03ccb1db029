namespace Command.Ingest.Tests;

internal static class TestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Data", .. parts]);

    public static string Text(params string[] parts) => File.ReadAllText(Path(parts));

    public static string[] Lines(params string[] parts) => File.ReadAllLines(Path(parts));
}
