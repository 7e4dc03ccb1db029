namespace Command.Cluster.Tests.Support;

/// <summary>Two hosts of one cluster, as the script starts them: a browser's tabs on one host and the other.</summary>
public sealed class TwoHostCluster() : LocalCluster(2, new Dictionary<string, string>());
