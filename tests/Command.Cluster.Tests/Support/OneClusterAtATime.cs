namespace Command.Cluster.Tests.Support;

/// <summary>The test classes that each start a local cluster, run one after another: two clusters at once on two cores would starve both.</summary>
[CollectionDefinition(Name)]
public sealed class OneClusterAtATime
{
    public const string Name = "one local cluster at a time";
}
