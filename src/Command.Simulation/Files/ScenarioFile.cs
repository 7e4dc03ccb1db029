using System.Globalization;
using System.Text;
using System.Text.Json;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

/// <summary>Reads scenario files (the format is in SCENARIOS.md) into validated scenarios.</summary>
public static class ScenarioFile
{
    /// <summary>Parses and validates a scenario; throws <see cref="ScenarioException"/> listing every problem.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">What to call it in errors: the file name, or "demo".</param>
    public static Scenario Parse(string json, string source)
    {
        if (Encoding.UTF8.GetByteCount(json) is var bytes && bytes > ScenarioLimits.MaxFileBytes)
        {
            throw TooLarge(source, bytes);
        }

        ScenarioDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ScenarioJsonContext.Default.ScenarioDocument);
        }
        catch (JsonException e)
        {
            throw new ScenarioException(source, [Describe(e)]);
        }

        if (document is null)
        {
            throw new ScenarioException(source, [new ScenarioError("$", "the file holds null, not a scenario object")]);
        }

        var reader = new ScenarioReader();
        return reader.Read(document) is { } scenario && reader.Errors.Count == 0
            ? scenario
            : throw new ScenarioException(source, reader.Errors);
    }

    /// <summary>
    /// Reads and validates the scenario file at <paramref name="path"/>; one larger than
    /// <see cref="ScenarioLimits.MaxFileBytes"/> is refused unread.
    /// </summary>
    public static async Task<Scenario> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (new FileInfo(path) is { Exists: true, Length: > ScenarioLimits.MaxFileBytes } large)
        {
            throw TooLarge(Path.GetFileName(path), large.Length);
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(json, Path.GetFileName(path));
    }

    // A 60 MB file was read whole, and its 60 MB name served to every watcher of the drill.
    private static ScenarioException TooLarge(string source, long bytes) => new(source,
    [
        new ScenarioError("$", string.Create(CultureInfo.InvariantCulture,
            $"the file is {bytes} bytes; a scenario file is at most {ScenarioLimits.MaxFileBytes} bytes (4 MiB)")),
    ]);

    /// <summary>Turns the parser's message into one a person writing the file can act on, with line and column.</summary>
    private static ScenarioError Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        if (message.StartsWith("The JSON property '", StringComparison.Ordinal))
        {
            var name = message.Split('\'')[1];
            message = $"unknown property '{name}'";
        }
        else if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            message = "has the wrong type of value for this field";
        }

        var where = e.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}: ")
            : "";
        return new ScenarioError(e.Path ?? "$", where + message);
    }
}
