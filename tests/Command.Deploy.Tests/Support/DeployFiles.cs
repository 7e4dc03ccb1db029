using Command.Recording.Tests.Azurite;
using YamlDotNet.RepresentationModel;

namespace Command.Deploy.Tests.Support;

/// <summary>The files under deploy/, read as YAML: the Kubernetes objects and the compose file.</summary>
public static class DeployFiles
{
    public static string Folder { get; } = Path.Combine(RepoRoot.Find(), "deploy");

    /// <summary>Every object of every manifest in deploy/kubernetes, with the file it came from.</summary>
    public static IReadOnlyList<(string File, YamlMappingNode Object)> Kubernetes { get; } =
        [.. Directory.GetFiles(Path.Combine(Folder, "kubernetes"), "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(file => Load(file).Select(o => (Path.GetFileName(file), o)))];

    /// <summary>The compose file.</summary>
    public static YamlMappingNode Compose { get; } = Load(Path.Combine(Folder, "compose", "docker-compose.yml")).Single();

    /// <summary>The one object of a kind (and name, when given).</summary>
    public static YamlMappingNode Object(string kind, string? name = null) =>
        Kubernetes.Single(o => o.Object.Text("kind") == kind && (name is null || o.Object.At("metadata").Text("name") == name)).Object;

    public static IEnumerable<YamlMappingNode> Objects(string kind) => Kubernetes.Where(o => o.Object.Text("kind") == kind).Select(o => o.Object);

    /// <summary>The Command container of the deployment.</summary>
    public static YamlMappingNode Container => Object("Deployment").At("spec").At("template").At("spec").List("containers").Cast<YamlMappingNode>().Single();

    /// <summary>
    /// The environment a pod's container gets, as Kubernetes gives it: every entry of the config maps and secrets it
    /// takes whole (<c>envFrom</c>), then its own <c>env</c>, which wins. Values from the cluster (a field, a secret
    /// key) are null here: the pod learns them only when it runs.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> PodEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in Container.List("envFrom").Cast<YamlMappingNode>())
        {
            var (kind, reference) = source.Children.ContainsKey("configMapRef") ? ("ConfigMap", source.At("configMapRef")) : ("Secret", source.At("secretRef"));
            var entries = Object(kind, reference.Text("name"));
            var data = kind == "ConfigMap" ? entries.At("data") : entries.At("stringData");
            foreach (var (key, value) in data.Children)
            {
                environment[key.ToString()] = kind == "ConfigMap" ? value.ToString() : null;
            }
        }

        foreach (var variable in Container.List("env").Cast<YamlMappingNode>())
        {
            environment[variable.Text("name")] = variable.Children.ContainsKey("value") ? variable.Text("value") : null;
        }

        return environment;
    }

    /// <summary>Each Command host service of the compose file and the environment it gets (its anchor's, then its own).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ComposeHosts()
    {
        var hosts = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, node) in Compose.At("services").Children)
        {
            var service = (YamlMappingNode)node;
            var merged = service.Children.TryGetValue(new YamlScalarNode("<<"), out var anchor) ? (YamlMappingNode)anchor : null;
            if ((merged ?? service).Children.ContainsKey("build") is false)
            {
                continue;
            }

            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var part in new[] { merged, service })
            {
                if (part is not null && part.Children.TryGetValue(new YamlScalarNode("environment"), out var entries))
                {
                    foreach (var (key, value) in ((YamlMappingNode)entries).Children)
                    {
                        environment[key.ToString()] = value.ToString();
                    }
                }
            }

            hosts[name.ToString()] = environment;
        }

        return hosts;
    }

    /// <summary>The configuration key an environment variable becomes in an ASP.NET Core host (<c>A__B</c> is <c>A:B</c>; <c>ASPNETCORE_X</c> is <c>X</c>).</summary>
    public static string ConfigurationKey(string variable) =>
        (variable.StartsWith("ASPNETCORE_", StringComparison.Ordinal) ? variable["ASPNETCORE_".Length..] : variable).Replace("__", ":", StringComparison.Ordinal);

    public static YamlMappingNode At(this YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    public static string Text(this YamlNode node, string key) => ((YamlMappingNode)node).Children[new YamlScalarNode(key)].ToString();

    public static IEnumerable<YamlNode> List(this YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var list) ? (YamlSequenceNode)list : [];

    private static IEnumerable<YamlMappingNode> Load(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            yaml.Load(reader);
        }

        return yaml.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }
}
