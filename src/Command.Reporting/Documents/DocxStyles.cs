using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Command.Reporting.Documents;

/// <summary>Word's built-in styles the writer uses, defined so the document looks the same in any editor.</summary>
internal static class DocxStyles
{
    public static void Add(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>("rIdStyles");
        part.Styles = new W.Styles(
            new W.DocDefaults(
                new W.RunPropertiesDefault(new W.RunPropertiesBaseStyle(
                    new W.RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                    new W.FontSize { Val = "22" })),
                new W.ParagraphPropertiesDefault(new W.ParagraphPropertiesBaseStyle(new W.SpacingBetweenLines { After = "120" }))),
            new W.Style(new W.StyleName { Val = "Normal" }, new W.PrimaryStyle()) { Type = W.StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Paragraph("Title", "Title", 40, before: 0),
            Paragraph("Heading1", "heading 1", 30, before: 360, outline: 0),
            Paragraph("Heading2", "heading 2", 25, before: 240, outline: 1),
            Paragraph("Caption", "caption", 18, before: 0, bold: false),
            new W.Style(
                new W.StyleName { Val = "Table Grid" },
                new W.BasedOn { Val = "TableNormal" },
                new W.StyleTableProperties(new W.TableBorders(
                    new W.TopBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 })))
            { Type = W.StyleValues.Table, StyleId = "TableGrid" });
        part.Styles.Save();
    }

    private static W.Style Paragraph(string id, string name, int halfPoints, int before, int? outline = null, bool bold = true)
    {
        var paragraph = new W.StyleParagraphProperties(new W.KeepNext(), new W.SpacingBetweenLines { Before = before.ToString(), After = "120" });
        if (outline is { } level)
        {
            paragraph.Append(new W.OutlineLevel { Val = level });
        }

        // A run's properties go in the schema's order: bold before size.
        var run = bold
            ? new W.StyleRunProperties(new W.Bold(), new W.FontSize { Val = halfPoints.ToString() })
            : new W.StyleRunProperties(new W.FontSize { Val = halfPoints.ToString() });

        return new W.Style(new W.StyleName { Val = name }, new W.BasedOn { Val = "Normal" }, new W.NextParagraphStyle { Val = "Normal" }, new W.PrimaryStyle(), paragraph, run)
        {
            Type = W.StyleValues.Paragraph,
            StyleId = id,
        };
    }
}
