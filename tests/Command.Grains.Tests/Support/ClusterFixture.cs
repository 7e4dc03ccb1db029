using Command.Domain.Assessment;
using Command.Domain.Recording;
using Command.Domain.Validation;
using Command.Domain.Views;
using Command.Grains.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Command.Tests.Shared;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Command.Grains.Tests.Support;

/// <summary>An in-process Orleans cluster with memory storage, a recording session log and a fake clock.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    // Silos are built by the test host from a configurator type, so shared instances live here.
    internal static readonly MemorySessionLog SharedLog = new();
    internal static readonly MemoryAnnotationLog SharedAnnotations = new();
    internal static readonly FakeTimeProvider SharedClock = new(Start);
    internal static readonly InterleavedGrainCalls SharedInterleaving = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public IGrainFactory Grains => Cluster.Client;

    public MemorySessionLog Log => SharedLog;

    /// <summary>Where annotation grains keep their streams: a test may write one before its grain first reads it.</summary>
    public MemoryAnnotationLog Annotations => SharedAnnotations;

    public FakeTimeProvider Clock => SharedClock;

    /// <summary>Steps a test runs just before a grain call inside the silo is sent (another incident taking a unit, say).</summary>
    public InterleavedGrainCalls Interleaving => SharedInterleaving;

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(GrainStorage.Name);
            silo.AddMemoryGrainStorage(GrainStorage.Durable);
            silo.Services.AddSingleton<ISessionLog>(SharedLog);
            silo.Services.AddSingleton<Domain.Annotations.IAnnotationLog>(SharedAnnotations);
            silo.Services.AddKeyedSingleton<TimeProvider>(IncidentClock.Key, SharedClock);
            silo.Services.AddSingleton(ValidationOptions.Default);
            silo.Services.AddSingleton(AssessmentOptions.Default);
            silo.Services.AddSingleton(FramePacing.Default);
            silo.Services.AddSingleton<IOutgoingGrainCallFilter>(SharedInterleaving);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
