using Command.Host.Hosting;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>A host configured as one of a cluster refuses to start with anything that would be only its own.</summary>
public sealed class ClusterConfigurationTests
{
    private const string Storage = "UseDevelopmentStorage=true";

    [Fact]
    public async Task A_clustered_host_recording_to_disk_refuses_to_start_and_says_what_to_set()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?>
        {
            ["Cluster:Clustering"] = "AzureTable",
            ["Cluster:StorageConnectionString"] = Storage,
            ["Cluster:GrainStorage"] = "AzureBlob",
            ["Cluster:AllowPlainSiloTraffic"] = "true",
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Contains("set Recording:Provider=Blob", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Memory", "Blob", false, "set Cluster:GrainStorage=AzureBlob")]
    [InlineData("AzureBlob", "Disk", false, "set Recording:Provider=Blob")]
    [InlineData("AzureBlob", "Blob", false, "set Cluster:CertificatePath")]
    [InlineData("AzureBlob", "Blob", true, null)]
    public void A_cluster_needs_blob_grain_state_a_blob_recording_and_protected_silo_traffic(string grainStorage, string recording, bool plain, string? expected)
    {
        var options = new SiloOptions { Clustering = "AzureTable", StorageConnectionString = Storage, GrainStorage = grainStorage, AllowPlainSiloTraffic = plain };

        var problem = options.Problem(recording);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_host_given_a_cluster_connection_string_that_is_none_refuses_to_start_naming_the_setting()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?>
        {
            ["Cluster:Clustering"] = "AzureTable",
            ["Cluster:StorageConnectionString"] = "garbage",
            ["Cluster:GrainStorage"] = "AzureBlob",
            ["Recording:Provider"] = "Blob",
            ["Recording:ConnectionString"] = Storage,
            ["Cluster:AllowPlainSiloTraffic"] = "true",
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.StartsWith("This host cannot start: Cluster:StorageConnectionString is not an Azure Storage connection string (", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_recording_to_blob_with_a_connection_string_that_is_none_refuses_to_start_naming_the_setting()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Recording:Provider"] = "Blob", ["Recording:ConnectionString"] = "garbage" });

        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () => await host.InitializeAsync());

        Assert.StartsWith("Recording:ConnectionString is not an Azure Storage connection string (", Assert.Single(refused.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_given_a_cluster_certificate_that_is_not_there_refuses_to_start_naming_the_setting()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"command-cluster-{Guid.NewGuid():N}.pfx");
        await using var host = new ConfiguredHost(new Dictionary<string, string?>
        {
            ["Cluster:Clustering"] = "AzureTable",
            ["Cluster:StorageConnectionString"] = Storage,
            ["Cluster:GrainStorage"] = "AzureBlob",
            ["Recording:Provider"] = "Blob",
            ["Recording:ConnectionString"] = Storage,
            ["Cluster:CertificatePath"] = missing,
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Equal($"This host cannot start: Cluster:CertificatePath '{missing}' cannot be read as the cluster's certificate (Could not find file '{missing}'): "
            + "give the PFX file every silo of the cluster presents, with its password in Cluster:CertificatePassword", refused.Message);
    }

    [Fact]
    public async Task A_single_host_given_a_cluster_certificate_refuses_to_start_saying_no_silo_traffic_would_use_it()
    {
        // The file is never read: whether it is there or not, no certificate protects anything on a host of its own.
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Cluster:CertificatePath"] = "/etc/command/cluster.pfx" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Equal("This host cannot start: Cluster:CertificatePath is set, but this host is a cluster of its own (Cluster:Clustering is Localhost), whose silo talks to no other and only over loopback, "
            + "so no certificate is used: set Cluster:Clustering=AzureTable for this host to join a cluster whose silos talk TLS with it, or leave Cluster:CertificatePath out.", refused.Message);
    }

    [Fact]
    public void A_silo_advertises_the_configured_address_then_the_pods_then_an_outward_one()
    {
        Assert.Equal("10.1.2.3", AdvertisedAddress.For(new SiloOptions { AdvertisedAddress = "10.1.2.3" }, _ => "10.9.9.9").ToString());
        Assert.Equal("10.9.9.9", AdvertisedAddress.For(new SiloOptions(), name => name == "POD_IP" ? "10.9.9.9" : null).ToString());
        Assert.False(System.Net.IPAddress.IsLoopback(AdvertisedAddress.For(new SiloOptions(), _ => null)));
        Assert.Throws<InvalidOperationException>(() => AdvertisedAddress.For(new SiloOptions { AdvertisedAddress = "pod-7" }, _ => null));
    }

    private sealed class ConfiguredHost(IDictionary<string, string?> settings) : CommandHost(settings);
}
