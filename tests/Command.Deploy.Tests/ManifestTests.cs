using Command.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Command.Deploy.Tests;

/// <summary>What deploy/README.md says of the Kubernetes manifests and the compose file, checked where reading them is enough.</summary>
public sealed class ManifestTests
{
    private static readonly string[] SecretVariables = ["Cluster__StorageConnectionString", "Recording__ConnectionString", "Cluster__CertificatePassword", "Auth__BootstrapToken"];

    [Fact]
    public void Three_replicas_are_ready_and_alive_by_health()
    {
        var deployment = DeployFiles.Object("Deployment");

        Assert.Equal("3", deployment.At("spec").Text("replicas"));
        Assert.Equal("/health", DeployFiles.Container.At("readinessProbe").At("httpGet").Text("path"));
        Assert.Equal("/health", DeployFiles.Container.At("livenessProbe").At("httpGet").Text("path"));
    }

    [Fact]
    public void A_pod_advertises_its_own_ip()
    {
        var podIp = DeployFiles.Container.List("env").Cast<YamlMappingNode>().Single(e => e.Text("name") == "POD_IP");

        Assert.Equal("status.podIP", podIp.At("valueFrom").At("fieldRef").Text("fieldPath"));
    }

    [Fact]
    public void A_disruption_budget_takes_down_one_host_at_a_time()
    {
        var budget = DeployFiles.Object("PodDisruptionBudget");

        Assert.Equal("1", budget.At("spec").Text("maxUnavailable"));
        Assert.Equal(PodLabel(), budget.At("spec").At("selector").At("matchLabels").Text("app.kubernetes.io/name"));
    }

    [Fact]
    public void The_storage_connections_the_certificate_password_and_the_bootstrap_token_come_from_a_secret_only()
    {
        var secrets = DeployFiles.Objects("Secret").Where(s => s.Children.ContainsKey("stringData")).SelectMany(s => s.At("stringData").Children.Keys.Select(k => k.ToString())).ToList();
        var shared = DeployFiles.Object("ConfigMap").At("data").Children.Keys.Select(k => k.ToString()).ToList();

        Assert.All(SecretVariables, v => Assert.Contains(v, secrets));
        Assert.Empty(shared.Intersect(SecretVariables));
        Assert.Contains("Auth__BootstrapToken", DeployFiles.PodEnvironment().Keys);
    }

    [Fact]
    public void The_compose_file_takes_its_bootstrap_token_from_the_environment_never_a_value()
    {
        Assert.All(DeployFiles.ComposeHosts().Values, e => Assert.StartsWith("${COMMAND_BOOTSTRAP_TOKEN", e["Auth__BootstrapToken"], StringComparison.Ordinal));
    }

    [Fact]
    public void Allowed_hosts_name_the_dashboards_host()
    {
        var allowed = DeployFiles.PodEnvironment()["AllowedHosts"];

        Assert.False(string.IsNullOrWhiteSpace(allowed));
        Assert.NotEqual("*", allowed);
    }

    [Fact]
    public void One_service_fronts_the_dashboard_and_one_the_radios_and_neither_the_silo_port()
    {
        var ports = DeployFiles.Container.List("ports").Cast<YamlMappingNode>().ToDictionary(p => p.Text("name"), p => p.Text("containerPort"));
        var services = DeployFiles.Objects("Service").ToDictionary(s => s.At("metadata").Text("name"), s => s.At("spec").List("ports").Cast<YamlMappingNode>().Select(p => p.Text("targetPort")).ToList());

        Assert.Equal(2, services.Count);
        Assert.Contains(services.Values, targets => targets.SequenceEqual(["http"]));
        Assert.Contains(services.Values, targets => targets.Count > 0 && !targets.Contains("http") && targets.All(ports.ContainsKey));
        Assert.DoesNotContain(services.Values.SelectMany(t => t), t => t == "silo" || t == ports["silo"]);
        Assert.All(DeployFiles.Objects("Service"), s => Assert.Equal(PodLabel(), s.At("spec").At("selector").Text("app.kubernetes.io/name")));
    }

    [Fact]
    public void A_browser_stays_on_one_host_of_the_dashboard()
    {
        // The page's live connection is negotiated, then opened, in two requests; an export's progress is told on the
        // host that runs it. Spread over hosts, both fail now and then.
        var dashboard = DeployFiles.Objects("Service").Single(s => s.At("spec").List("ports").Cast<YamlMappingNode>().Any(p => p.Text("targetPort") == "http"));

        Assert.Equal("ClientIP", dashboard.At("spec").Text("sessionAffinity"));
    }

    [Fact]
    public void The_silo_port_the_container_opens_is_the_one_the_host_listens_on()
    {
        var silo = DeployFiles.Container.List("ports").Cast<YamlMappingNode>().Single(p => p.Text("name") == "silo").Text("containerPort");

        Assert.Equal(DeployFiles.PodEnvironment()["Cluster__SiloPort"], silo);
    }

    private static string PodLabel() =>
        DeployFiles.Object("Deployment").At("spec").At("template").At("metadata").At("labels").Text("app.kubernetes.io/name");
}
