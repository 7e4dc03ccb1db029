using Azure.Storage.Blobs;
using Command.Recording.AfterAction;
using Command.Recording.Hosting;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Report;

// dotnet run --project tools/Command.Report -- data/sessions/drill-1 --format html --out drill-1.html
ReportArguments arguments;
try
{
    arguments = ReportArguments.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\n{ReportArguments.Usage}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => (e.Cancel, _) = (true, cancel.CancelAsync());
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

var reader = await SessionReader.OpenAsync(store, incidentId, cancel.Token);
var progress = reader.TotalBytes >= ProgressBar.Threshold ? new ProgressBar(reader.TotalBytes, Console.Error) : null;
var report = await AfterActionExport.BuildAsync(reader, progress, cancellationToken: cancel.Token);
await using (var output = File.Create(arguments.Out))
{
    await (arguments.Format switch
    {
        "json" => AfterActionExport.WriteJsonAsync(report, output, cancel.Token),
        "csv" => AfterActionExport.WriteCsvAsync(report, output, arguments.Table, cancel.Token),
        _ => AfterActionExport.WriteHtmlAsync(report, output, cancel.Token),
    });
}

await Console.Error.WriteLineAsync($"{reader.Manifest.EventCount} events of '{reader.Manifest.Name}' ({incidentId}) -> {arguments.Out}");
return 0;
