using System.Net;
using System.Security.Cryptography.X509Certificates;
using Command.Domain.Assessment;
using Command.Domain.Views;
using Command.Grains;
using Command.Grains.Access;
using Command.Grains.Incidents;
using Command.Recording.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Persistence.FileStorage;

namespace Command.Host.Hosting;

/// <summary>Co-hosts an Orleans silo in the web process: one process alone, or one of a cluster.</summary>
public static class SiloSetup
{
    public static WebApplicationBuilder AddCommandSilo(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        if (silo.Problem(builder.Configuration["Recording:Provider"]) is { } refusal)
        {
            throw new InvalidOperationException($"This host cannot start: {refusal}.");
        }

        builder.Services.AddSingleton(silo);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddKeyedSingleton(IncidentClock.Key, TimeProvider.System);
        // What this host handed incidents that could not record, told to each once it records again.
        builder.Services.AddSingleton(sp => new RecordingHoles(sp.GetRequiredKeyedService<TimeProvider>(IncidentClock.Key)));
        builder.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<RecordingHoles>());
        builder.Services.AddHostedService<RecordingHoleRecorder>();
        builder.Services.AddSingleton(AssessmentSettings.Read(builder.Configuration));
        var pacing = builder.Configuration.GetSection(FramePacing.Section).Get<FramePacing>() ?? FramePacing.Default;
        if (pacing.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.AddSingleton(pacing);
        var incidents = IncidentSettings.Read(builder.Configuration);
        incidents.KeepGrainState(beyondTheProcess: silo.KeepsGrainStateInBlob);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(incidents));

        // A host's disk is not the cluster's: an event is acknowledged only once Blob storage holds it.
        builder.Services.PostConfigure<RecordingOptions>(o => o.SpillEnabled &= !silo.IsClustered);
        if (!silo.IsClustered && builder.Configuration.GetValue($"{RecordingOptions.Section}:{nameof(RecordingOptions.SpillEnabled)}", true)
            && builder.Configuration[$"{RecordingOptions.Section}:{nameof(RecordingOptions.SpillPath)}"] is { Length: > 0 } spill)
        {
            SpillFolder.CheckWritable(Path.GetFullPath(spill, builder.Environment.ContentRootPath));
        }
        // Bound by the silo for reuse: one another process listens on would be shared with it without a word.
        var listens = silo.IsClustered ? IPAddress.Any : IPAddress.Loopback;
        SiloPorts.CheckFree(listens, silo.SiloPort, "Cluster:SiloPort");
        SiloPorts.CheckFree(listens, silo.GatewayPort ?? (silo.IsClustered ? 0 : 30000), "Cluster:GatewayPort");
        builder.UseOrleans(orleans =>
        {
            if (silo.IsClustered)
            {
                Cluster(orleans, silo, builder.Configuration);
            }
            else
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort ?? 30000, serviceId: silo.ClusterId, clusterId: silo.ClusterId);
            }

            // People, tokens and drills outlive a restart in every mode: in the cluster's Blob storage, or files in the data folder.
            if (silo.SharesStorage)
            {
                var connection = Require(silo.StorageConnectionString, "Cluster:StorageConnectionString is required to keep people, tokens and drills in the cluster");
                orleans.AddAzureBlobGrainStorage(AccessStorage.Name, BlobClient(connection, silo));
                orleans.AddAzureBlobGrainStorage(GrainStorage.Durable, BlobClient(connection, silo));
            }
            else
            {
                orleans.AddFileGrainStorage(AccessStorage.Name, o => o.RootDirectory = Path.Combine(DataFolder.Resolve(builder), "access"));
                orleans.AddFileGrainStorage(GrainStorage.Durable, o => o.RootDirectory = Path.Combine(DataFolder.Resolve(builder), "grains"));
            }

            if (silo.KeepsGrainStateInBlob)
            {
                orleans.AddAzureBlobGrainStorage(GrainStorage.Name, BlobClient(silo.StorageConnectionString, silo));
            }
            else
            {
                orleans.AddMemoryGrainStorage(GrainStorage.Name);

                // State kept in memory never outlives the process, so it needs no readable format: Orleans' own
                // serializer copies an incident's multi-megabyte snapshot where the default JSON one escapes it.
                orleans.Services.AddOptions<MemoryGrainStorageOptions>(GrainStorage.Name)
                    .Configure<Orleans.Serialization.Serializer>((o, serializer) => o.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer));
            }
        });
        return builder;
    }

    // Made once the host's lifetime is there: its stop bounds every request to the cluster's storage.
    private static Action<OptionsBuilder<AzureBlobStorageOptions>> BlobClient(string? connection, SiloOptions silo) =>
        blob => blob.Configure<IHostApplicationLifetime>((o, lifetime) => o.BlobServiceClient = GrainStorageRetry.Client(connection, HostStopping.Of(silo, lifetime)));

    private static void Cluster(ISiloBuilder orleans, SiloOptions silo, IConfiguration configuration)
    {
        orleans.Configure<ClusterOptions>(o => { o.ClusterId = silo.ClusterId; o.ServiceId = silo.ClusterId; });

        // Listen on every interface, advertise the one other silos reach this one by; no gateway unless asked for.
        orleans.Configure<EndpointOptions>(o =>
        {
            // POD_IP through the configuration, which holds every environment variable: what the pod sets is what is read.
            o.AdvertisedIPAddress = AdvertisedAddress.For(silo, name => configuration[name]);
            o.SiloPort = silo.SiloPort;
            o.GatewayPort = silo.GatewayPort ?? 0;
            o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, silo.SiloPort);
            o.GatewayListeningEndpoint = silo.GatewayPort is > 0 ? new IPEndPoint(IPAddress.Any, silo.GatewayPort.Value) : null;
        });
        orleans.UseAzureStorageClustering(table => table.Configure<IHostApplicationLifetime>((o, lifetime) =>
            o.TableServiceClient = GrainStorageRetry.TableClient(silo.StorageConnectionString, HostStopping.Of(silo, lifetime))));
        orleans.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = silo.ProbeTimeout;
            o.NumMissedProbesLimit = silo.MissedProbesLimit;
        });
        orleans.Services.AddHostedService<SiloLeaving>();
        if (silo.CertificatePath is { } path)
        {
            var certificate = ClusterCertificate(path, silo.CertificatePassword);
            orleans.UseTls(certificate, tls =>
            {
                // Mutual TLS with the one cluster certificate: a silo talks only to a peer presenting that very one.
                tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                tls.AllowAnyRemoteCertificate();
                tls.RemoteCertificateValidation = (remote, _, _) => remote is not null && remote.Thumbprint == certificate.Thumbprint;
                tls.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            });
        }
    }

    // A file that is not there, not a PFX, or not opened by the password given failed with the runtime's "Error occurred
    // during a cryptographic operation" and a stack, naming no setting.
    private static X509Certificate2 ClusterCertificate(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            var why = e.InnerException is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException ? e.InnerException.Message : e.Message;
            throw new InvalidOperationException(
                $"This host cannot start: Cluster:CertificatePath '{path}' cannot be read as the cluster's certificate ({why.TrimEnd('.')}): give the PFX file every silo of the cluster presents, with its password in Cluster:CertificatePassword", e);
        }
    }

    private static string Require(string? value, string message) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException(message) : value;
}
