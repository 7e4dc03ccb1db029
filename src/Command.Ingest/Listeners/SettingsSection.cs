using Microsoft.Extensions.Configuration;

namespace Command.Ingest.Listeners;

/// <summary>
/// A configuration section and the settings it is read as (null: none of its own), with the sections under it that
/// are read as settings of their own and checked apart (<paramref name="Nested"/>).
/// </summary>
/// <param name="Path">The section, as in <c>Ingest:Cot</c>.</param>
/// <param name="Type">The options type it is bound to.</param>
/// <param name="What">What one of its keys is, for the message: "an ingest setting".</param>
/// <param name="Nested">Keys under it that are sections of their own.</param>
public sealed record SettingsSection(string Path, Type? Type, string What, params IReadOnlyList<string> Nested)
{
    /// <summary>One sentence per key of the section that names no setting (<see cref="UnknownSettings"/>).</summary>
    public IEnumerable<string> Unknown(IConfiguration configuration) => UnknownSettings.In(configuration.GetSection(Path), Type, What, Nested);

    /// <summary>One sentence per top-level key that is a misspelling of one of <paramref name="known"/> (<see cref="UnknownSettings.Misspelt"/>).</summary>
    public static IEnumerable<string> Misspelt(IConfiguration configuration, IReadOnlyCollection<string> known) => UnknownSettings.Misspelt(configuration, known);
}
