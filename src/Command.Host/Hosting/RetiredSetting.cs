namespace Command.Host.Hosting;

/// <summary>
/// A setting this host once read and no longer does, on purpose: a configuration that still names it is one written for
/// an earlier build, and the host starts with a warning saying what became of it, where a key that never named a setting
/// stops it (<see cref="KnownSettings"/>).
/// </summary>
/// <param name="Path">The key, as configuration names it ("Incidents:ResumedAfter"); matched in any case, and every key under it.</param>
/// <param name="Since">When it was retired ("2026-12").</param>
/// <param name="Why">What became of it, and what to do instead: a sentence the warning ends with.</param>
public sealed record RetiredSetting(string Path, string Since, string Why)
{
    /// <summary>True when <paramref name="key"/> is this setting or a key under it.</summary>
    public bool Names(string key) => string.Equals(key, Path, StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(Path + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase);
}
