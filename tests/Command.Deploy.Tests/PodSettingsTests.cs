using System.Net;
using Command.Deploy.Tests.Support;
using Command.Host.Drills;
using Command.Recording.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Command.Deploy.Tests;

/// <summary>
/// A host given exactly a pod's environment (Azurite standing in for Azure Storage) starts as one of a cluster and
/// takes every value; and every setting the manifests and the compose file give is one the host asks for, so a
/// misspelt or retired setting fails here instead of being silently ignored in production.
/// </summary>
public sealed class PodSettingsTests(PodHost pod) : IClassFixture<PodHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_with_a_pods_environment_starts_healthy_and_answers_its_admin()
    {
        using var http = pod.Client();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/incidents", Ct)).StatusCode);
    }

    [Fact]
    public void Every_variable_the_pod_gets_is_a_setting_the_host_asks_for()
    {
        Assert.Empty(pod.Environment.Keys.Where(v => !pod.Read.WasAsked(DeployFiles.ConfigurationKey(v))).Order());
    }

    [Fact]
    public void Every_variable_the_compose_file_gives_a_host_is_a_setting_the_host_asks_for()
    {
        var hosts = DeployFiles.ComposeHosts();

        Assert.Equal(3, hosts.Count);
        Assert.Empty(hosts.Values.SelectMany(e => e.Keys).Distinct().Where(v => !pod.Read.WasAsked(DeployFiles.ConfigurationKey(v))).Order());
    }

    [Fact]
    public void The_pods_values_take_effect()
    {
        var silo = pod.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, pod.SiloPort), silo.Endpoint);
        Assert.Equal(Value("Cluster__ClusterId"), pod.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);
        var membership = pod.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.Parse(Value("Cluster__ProbeTimeout"), System.Globalization.CultureInfo.InvariantCulture), membership.ProbeTimeout);
        Assert.Equal(int.Parse(Value("Cluster__MissedProbesLimit"), System.Globalization.CultureInfo.InvariantCulture), membership.NumMissedProbesLimit);
        var recording = pod.Services.GetRequiredService<IOptions<RecordingOptions>>().Value;
        Assert.Equal((Value("Recording__Provider"), Value("Recording__Container")), (recording.Provider.ToString(), recording.Container));
        Assert.Equal(bool.Parse(Value("Demo__Enabled")), pod.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled);
        Assert.Equal([Value("AllowedHosts")], pod.Services.GetRequiredService<IOptionsMonitor<HostFilteringOptions>>().CurrentValue.AllowedHosts);
    }

    [Fact]
    public async Task A_request_for_a_host_name_the_manifests_do_not_allow_is_refused()
    {
        using var http = pod.Client("command.example.net");

        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/health", Ct)).StatusCode);
    }

    [Fact]
    public void The_termination_grace_outlasts_the_hosts_shutdown()
    {
        var grace = TimeSpan.FromSeconds(int.Parse(DeployFiles.Object("Deployment").At("spec").At("template").At("spec").Text("terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(grace > pod.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout, $"a grace of {grace} would cut the silo's shutdown short");
    }

    private string Value(string variable) => pod.Environment[variable] ?? throw new InvalidOperationException($"{variable} has no value in the manifests");
}
