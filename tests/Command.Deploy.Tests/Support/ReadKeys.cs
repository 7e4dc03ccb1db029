using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Command.Deploy.Tests.Support;

/// <summary>
/// Settings handed to the host that note every key the host asks for, set or not: what the host never asks for is
/// an option it does not have (a typo, or a setting that went away), however plausible its name.
/// </summary>
public sealed class ReadKeys(IReadOnlyDictionary<string, string?> settings) : ConfigurationProvider, IConfigurationSource
{
    private readonly ConcurrentDictionary<string, bool> asked = new(StringComparer.OrdinalIgnoreCase);

    public bool WasAsked(string key) => asked.ContainsKey(key);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load() => Data = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);

    public override bool TryGet(string key, out string? value)
    {
        asked[key] = true;
        return base.TryGet(key, out value);
    }
}
