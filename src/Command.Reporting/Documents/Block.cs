using System.Collections.Immutable;

namespace Command.Reporting.Documents;

/// <summary>
/// A document as a list of blocks, written once and printed by each writer (Word, HTML): the AAR/IP and the ICS-214
/// say what they hold here, and <see cref="DocxWriter"/> and <see cref="HtmlWriter"/> say how it looks.
/// </summary>
public abstract record Block;

/// <summary>A heading: level 1 is a section, 2 a subsection.</summary>
public sealed record Heading(int Level, string Text) : Block;

/// <summary>A paragraph; <paramref name="Label"/>, when set, is printed bold before the text ("Name: ").</summary>
public sealed record Para(string Text, string? Label = null) : Block;

/// <summary>A table with a header row; cells are plain text, and an empty cell is left blank to be filled in.</summary>
public sealed record Table(ImmutableArray<string> Header, ImmutableArray<ImmutableArray<string>> Rows) : Block
{
    public static Table Of(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows) =>
        new([.. header], [.. rows.Select(r => r.ToImmutableArray())]);
}

/// <summary>A plot drawn as SVG, with its caption.</summary>
public sealed record Plot(string Caption, string Svg) : Block;
