using System.Text;
using Command.Recording.AfterAction;
using static System.Net.WebUtility;

namespace Command.Reporting.Documents;

/// <summary>
/// Prints blocks as one self-contained HTML page: no scripts, no external fonts or styles, plots inline. Tables are set
/// in 14 px, so the AAR/IP's ten-column table of units fits an 800 px window, and a cell of one long word breaks it
/// (<see cref="HtmlCells"/>) rather than widen the page.
/// </summary>
public static class HtmlWriter
{
    private const string Style = """
        body{font:16px/1.4 system-ui,sans-serif;margin:24px;color:#111;background:#fff;max-width:1000px}
        h1{font-size:28px}h2{font-size:22px;margin-top:32px;border-bottom:2px solid #111}h3{font-size:18px}
        table{border-collapse:collapse;margin:8px 0;font-size:14px}td,th{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}
        td:empty::after{content:"\00a0"}
        svg{width:100%;max-width:760px;display:block;margin:4px 0 16px}
        figcaption{font-size:14px;color:#333}
        """ + HtmlCells.Style + SvgCharts.Style;

    public static async Task WriteAsync(string title, IEnumerable<Block> blocks, Stream stream, CancellationToken cancellationToken)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(HtmlEncode(title))
            .Append("</title><style>").Append(Style).Append("</style></head><body><h1>").Append(HtmlEncode(title)).Append("</h1>");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    var tag = h.Level <= 1 ? "h2" : "h3";
                    html.Append('<').Append(tag).Append('>').Append(HtmlEncode(h.Text)).Append("</").Append(tag).Append('>');
                    break;
                case Para p:
                    html.Append("<p>");
                    if (p.Label is { } label)
                    {
                        html.Append("<b>").Append(HtmlEncode(label)).Append(":</b> ");
                    }

                    html.Append(HtmlEncode(p.Text)).Append("</p>");
                    break;
                case Table t:
                    html.Append("<table><tr>");
                    foreach (var cell in t.Header)
                    {
                        html.Append("<th>").Append(HtmlEncode(cell)).Append("</th>");
                    }

                    html.Append("</tr>");
                    foreach (var row in t.Rows)
                    {
                        html.Append("<tr>");
                        foreach (var cell in row)
                        {
                            HtmlCells.Cell(html, cell);
                        }

                        html.Append("</tr>");
                    }

                    html.Append("</table>");
                    break;
                case Plot plot:
                    html.Append("<figure>").Append(plot.Svg).Append("<figcaption>").Append(HtmlEncode(plot.Caption)).Append("</figcaption></figure>");
                    break;
            }
        }

        html.Append("</body></html>");
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(html, cancellationToken);
    }
}
