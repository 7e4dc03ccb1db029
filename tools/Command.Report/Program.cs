using Azure.Storage.Blobs;
using Command.Recording.AfterAction;
using Command.Recording.Annotations;
using Command.Reporting.Exports;
using Command.Recording.Hosting;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Report;
using Command.Tools.Cli;
using Spectre.Console;

// dotnet run --project tools/Command.Report -- data/sessions/drill-1 --format html --out drill-1.html
return await new ReportCommand(ExportAsync).Parse(args).InvokeToolAsync();

static async Task<int> ExportAsync(ReportArguments arguments, CancellationToken cancellationToken)
{
    ISessionStore store;
    string incidentId;
    if (arguments.SessionFolder is { } folder)
    {
        var full = Path.GetFullPath(folder.TrimEnd('/', '\\'));
        store = new DiskSessionStore(Path.GetDirectoryName(full)!);
        incidentId = Path.GetFileName(full);
    }
    else
    {
        var client = new BlobServiceClient(arguments.BlobConnection, RecordingServiceCollectionExtensions.BlobOptions(new RecordingOptions()));
        store = new BlobSessionStore(client.GetBlobContainerClient(arguments.BlobContainer));
        incidentId = arguments.BlobIncident!;
    }

    SessionReader reader;
    try
    {
        reader = await SessionReader.OpenAsync(store, incidentId, cancellationToken);
    }
    catch (KeyNotFoundException e)
    {
        // A mistyped folder or incident: say which, without a stack trace.
        await Console.Error.WriteLineAsync(e.Message);
        return 1;
    }

    var report = ReadingProgress.Wanted(reader.TotalBytes, Console.IsErrorRedirected)
        ? await ReadingProgress.ShowAsync(
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
            reader.TotalBytes,
            progress => AfterActionExport.BuildAsync(reader, progress, cancellationToken: cancellationToken))
        : await AfterActionExport.BuildAsync(reader, cancellationToken: cancellationToken);
    if (PaperworkExport.TryParse(arguments.Format, out var kind))
    {
        var annotations = arguments.WithNotes ? await new StoreAnnotationLog(store, new RecordingOptions(), TimeProvider.System).ReadAsync(incidentId, cancellationToken) : [];
        try
        {
            await using var document = File.Create(arguments.Out);
            await PaperworkExport.WriteAsync(kind, report, annotations, arguments.Unit, Environment.UserName, DateTimeOffset.UtcNow, document, null, cancellationToken);
        }
        catch (KeyNotFoundException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }

        await Console.Error.WriteLineAsync($"{PaperworkExport.Name(kind)} of '{reader.Manifest.Name}' ({incidentId}), {annotations.Length} annotations -> {arguments.Out}");
        return 0;
    }

    await using (var output = File.Create(arguments.Out))
    {
        await (arguments.Format switch
        {
            "json" => AfterActionExport.WriteJsonAsync(report, output, cancellationToken),
            "csv" => AfterActionExport.WriteCsvAsync(report, output, arguments.Table, cancellationToken),
            _ => AfterActionExport.WriteHtmlAsync(report, output, cancellationToken),
        });
    }

    await Console.Error.WriteLineAsync($"{reader.Manifest.EventCount} events of '{reader.Manifest.Name}' ({incidentId}) -> {arguments.Out}");
    return 0;
}
