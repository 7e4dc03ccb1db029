using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Command.Reporting.Tests.Support;

/// <summary>A .docx opened with the Open XML SDK and read back as paragraphs (with their styles) and tables of text.</summary>
public sealed class Docx
{
    private Docx(List<(string? Style, string Text)> paragraphs, List<List<List<string>>> tables, int pictures, int svgParts)
    {
        Paragraphs = paragraphs;
        Tables = tables;
        Pictures = pictures;
        SvgParts = svgParts;
    }

    /// <summary>Top-level paragraphs: style id (null for Normal) and text.</summary>
    public List<(string? Style, string Text)> Paragraphs { get; }

    /// <summary>Tables, rows, cells.</summary>
    public List<List<List<string>>> Tables { get; }

    public int Pictures { get; }

    public int SvgParts { get; }

    public IEnumerable<string> Headings(string style) => Paragraphs.Where(p => p.Style == style).Select(p => p.Text);

    /// <summary>The text of the paragraph whose bold label is <paramref name="label"/> ("3. Name: ").</summary>
    public string Labelled(string label) => Paragraphs.Single(p => p.Text.StartsWith(label + ": ", StringComparison.Ordinal)).Text[(label.Length + 2)..];

    /// <summary>Where the package breaks the schema Word writes today (2019), with why; empty when it does not.</summary>
    public static IEnumerable<string> SchemaProblems(byte[] bytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        return [.. new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019)
            .Validate(document, cancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}")];
    }

    public static Docx Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<W.Paragraph>().Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.InnerText)).ToList();
        var tables = body.Elements<W.Table>()
            .Select(t => t.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToList()).ToList())
            .ToList();
        var pictures = body.Descendants<DocumentFormat.OpenXml.Drawing.Pictures.Picture>().Count();
        var svg = document.MainDocumentPart.ImageParts.Count(p => p.ContentType == "image/svg+xml");
        return new Docx(paragraphs, tables, pictures, svg);
    }
}
