namespace Command.Reporting.Documents;

/// <summary>
/// The names given out in one zip, so that no two entries share one: two ids may make the same name ("a/b" and "a?b"
/// are both "a_b"), and two that differ only in case ("A1", "a1") are one file where the zip is unpacked on Windows
/// or a Mac. The second to ask for a name is given "-2" after it, the third "-3", and so on.
/// </summary>
public sealed class EntryNames
{
    private readonly HashSet<string> taken = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><paramref name="name"/>, or with the first number after it that no entry has yet.</summary>
    public string Take(string name)
    {
        var unique = name;
        for (var n = 2; !taken.Add(unique); n++)
        {
            unique = FormattableString.Invariant($"{name}-{n}");
        }

        return unique;
    }
}
