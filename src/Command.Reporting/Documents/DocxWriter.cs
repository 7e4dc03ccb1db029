using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using Command.Recording.AfterAction;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Command.Reporting.Documents;

/// <summary>
/// Prints blocks as a Word document (.docx, Office Open XML) with Word's own heading and table styles, so a team can
/// edit the draft in Word as they would any report. Plots go in as SVG pictures. The package is written to the
/// stream given, which must be seekable (a zip's directory is written last): callers serving it over HTTP write to a
/// seekable store first. The same blocks give the same bytes: its parts are named, and dated, the same every time,
/// so two exports of one session can be compared by their hashes.
/// </summary>
public static partial class DocxWriter
{
    // Pictures are 16.5 cm wide, in EMU (914,400 a inch).
    private const long PictureWidthEmu = 5_940_000;

    /// <param name="title">The document's title, its first line.</param>
    /// <param name="blocks">What it holds.</param>
    /// <param name="seekable">Where to write it; must be seekable.</param>
    /// <param name="landscape">Lay pages out landscape (forms with wide tables).</param>
    public static void Write(string title, IEnumerable<Block> blocks, Stream seekable, bool landscape = false)
    {
        if (!seekable.CanSeek)
        {
            throw new ArgumentException("A .docx is a zip package and needs a seekable stream; write it to a file or memory first.", nameof(seekable));
        }

        // Written in memory first (a document is a few hundred kilobytes), so that its zip can be dated afterwards
        // whatever stream it goes to and wherever that stream stands.
        using var package = new MemoryStream();
        using (var document = WordprocessingDocument.Create(package, WordprocessingDocumentType.Document))
        {
            WriteParts(document, title, blocks, landscape);
        }

        Undate(package);
        package.Position = 0;
        package.CopyTo(seekable);
    }

    // The zip's entries are dated when the package is written: date them all at the zip format's own first day.
    private static void Undate(MemoryStream package)
    {
        package.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(package, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            entry.LastWriteTime = ZipEpoch;
        }
    }

    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static void WriteParts(WordprocessingDocument document, string title, IEnumerable<Block> blocks, bool landscape)
    {
        // Relationship ids are the package's own names for its parts: given here, or the library makes up random ones.
        var main = document.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rIdDocument");
        DocxStyles.Add(main);
        var (width, height) = landscape ? (15840u, 12240u) : (12240u, 15840u);
        var body = new W.Body();
        body.Append(Paragraph("Title", title));
        var pictures = 0u;
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    body.Append(Paragraph(h.Level <= 1 ? "Heading1" : "Heading2", h.Text));
                    break;
                case Para p:
                    body.Append(Paragraph(null, p.Text, p.Label));
                    break;
                case Table t:
                    body.Append(TableOf(t, width - (2 * MarginTwips)));
                    body.Append(new W.Paragraph());
                    break;
                case Plot plot:
                    body.Append(Picture(main, plot, ++pictures));
                    body.Append(Paragraph("Caption", plot.Caption));
                    break;
            }
        }

        body.Append(new W.SectionProperties(
            new W.PageSize { Width = width, Height = height, Orient = landscape ? W.PageOrientationValues.Landscape : W.PageOrientationValues.Portrait },
            new W.PageMargin { Top = (int)MarginTwips, Bottom = (int)MarginTwips, Left = MarginTwips, Right = MarginTwips, Header = 720U, Footer = 720U, Gutter = 0U }));
        main.Document = new W.Document(body);
        main.Document.Save();
    }

    private static W.Paragraph Paragraph(string? style, string text, string? label = null)
    {
        var paragraph = new W.Paragraph();
        if (style is not null)
        {
            paragraph.Append(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
        }

        if (label is not null)
        {
            paragraph.Append(new W.Run(new W.RunProperties(new W.Bold()), Text($"{label}: ")));
        }

        var lines = text.Split('\n');
        var run = new W.Run();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new W.Break());
            }

            run.Append(Text(lines[i].TrimEnd('\r')));
        }

        paragraph.Append(run);
        return paragraph;
    }

    private static W.Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };

    // Page margins: three quarters of an inch, in twentieths of a point.
    private const uint MarginTwips = 1080;

    // The table spans the text's width; its grid (which the format requires before the rows) splits it evenly, and
    // the editor fits the columns to what they hold.
    private static W.Table TableOf(Table t, uint textTwips)
    {
        var columns = (uint)Math.Max(1, t.Header.Length);
        var grid = new W.TableGrid();
        for (var i = 0; i < columns; i++)
        {
            grid.Append(new W.GridColumn { Width = (textTwips / columns).ToString(CultureInfo.InvariantCulture) });
        }

        var table = new W.Table(new W.TableProperties(
            new W.TableStyle { Val = "TableGrid" },
            new W.TableWidth { Type = W.TableWidthUnitValues.Pct, Width = "5000" },
            new W.TableLook { FirstRow = true, NoVerticalBand = true }), grid);
        var header = new W.TableRow(new W.TableRowProperties(new W.TableHeader()));
        foreach (var cell in t.Header)
        {
            header.Append(new W.TableCell(new W.Paragraph(new W.Run(new W.RunProperties(new W.Bold()), Text(cell)))));
        }

        table.Append(header);
        foreach (var row in t.Rows)
        {
            var tr = new W.TableRow();
            foreach (var cell in row)
            {
                tr.Append(new W.TableCell(new W.Paragraph(new W.Run(Text(cell)))));
            }

            table.Append(tr);
        }

        return table;
    }

    // The SVG as a picture of its own, styled from inside (the HTML page's stylesheet is not there), in the blip Word
    // reads SVG from.
    private static W.Paragraph Picture(MainDocumentPart main, Plot plot, uint number)
    {
        var svg = StandaloneSvg.Of(plot.Svg, out var viewWidth, out var viewHeight);
        var part = main.AddImagePart(ImagePartType.Svg, $"rIdPlot{number}");
        using (var data = new MemoryStream(Encoding.UTF8.GetBytes(svg)))
        {
            part.FeedData(data);
        }

        var id = main.GetIdOfPart(part);
        var cx = PictureWidthEmu;
        var cy = (long)(PictureWidthEmu * (viewHeight / viewWidth));
        var svgBlip = new OpenXmlUnknownElement("asvg", "svgBlip", "http://schemas.microsoft.com/office/drawing/2016/SVG/main");
        svgBlip.SetAttribute(new OpenXmlAttribute("r", "embed", "http://schemas.openxmlformats.org/officeDocument/2006/relationships", id));
        var blip = new A.Blip(new A.BlipExtensionList(new A.BlipExtension(svgBlip) { Uri = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}" })) { Embed = id };
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.DocProperties { Id = number, Name = $"Plot {number}", Description = plot.Caption },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(new PIC.Picture(
                new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = number, Name = $"plot-{number}.svg" }, new PIC.NonVisualPictureDrawingProperties()),
                new PIC.BlipFill(blip, new A.Stretch(new A.FillRectangle())),
                new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }), new A.PresetGeometry { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        return new W.Paragraph(new W.Run(new W.Drawing(inline)));
    }
}
