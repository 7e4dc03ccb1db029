using Command.Recording.AfterAction;

namespace Command.Report;

/// <summary>The command line: a session folder or a blob session, a format, an output file.</summary>
internal sealed record ReportArguments(
    string? SessionFolder, string? BlobConnection, string? BlobContainer, string? BlobIncident,
    string Format, AfterActionTable Table, string Out)
{
    public const string Usage = """
        usage: command-report <session folder> --format html|json|csv --out <file> [--table units|incident|distances|flags|timeline]
               command-report --blob <connection string> <container> <incident id> --format html|json|csv --out <file>
        """;

    public static ReportArguments Parse(string[] args)
    {
        string? folder = null, connection = null, container = null, incident = null, output = null;
        var format = "html";
        var table = AfterActionTable.Units;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--blob" when i + 3 < args.Length:
                    (connection, container, incident) = (args[++i], args[++i], args[++i]);
                    break;
                case "--format" when i + 1 < args.Length:
                    format = args[++i].ToLowerInvariant();
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--table" when i + 1 < args.Length && Enum.TryParse(args[i + 1], ignoreCase: true, out AfterActionTable t):
                    (table, i) = (t, i + 1);
                    break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && folder is null:
                    folder = a;
                    break;
                default:
                    throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        if ((folder is null) == (connection is null) || output is null || format is not ("html" or "json" or "csv"))
        {
            throw new ArgumentException("Give one session (a folder or --blob), a --format of html, json or csv, and --out.");
        }

        return new ReportArguments(folder, connection, container, incident, format, table, output);
    }
}
