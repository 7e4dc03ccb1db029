namespace Command.Domain.Validation;

/// <summary>Text a refusal repeats back to its sender: in quotes, and never longer than a line however long what was sent.</summary>
public static class Quoted
{
    /// <summary>Longest text repeated whole: 64 characters.</summary>
    public const int MostChars = 64;

    /// <summary>"'text'", or "'the first 64 characters…' (70000 characters)" for longer text.</summary>
    public static string Text(string text) => text.Length <= MostChars ? $"'{text}'" : $"'{text[..MostChars]}…' ({text.Length} characters)";
}
