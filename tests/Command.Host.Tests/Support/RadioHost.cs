namespace Command.Host.Tests.Support;

/// <summary>
/// The real host the radio tests share (one start for all of them): every listener on, and CoT over UDP taking
/// reports only from units a commander has enrolled.
/// </summary>
public sealed class RadioHost() : IngestHost(new Dictionary<string, string?> { ["Ingest:Cot:Udp:UnknownUnits"] = "Refuse" });

/// <summary>The radio tests, run one after another on one <see cref="RadioHost"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RadioCollection : ICollectionFixture<RadioHost>
{
    public const string Name = "radios";
}
