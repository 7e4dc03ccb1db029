using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Command.Host.Ingest;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Command.Host.Tests;

/// <summary>
/// What a host tells the open incidents of the runs of hosts the cluster has dead, read from the membership as the
/// cluster agrees on it: a host killed and started again at its address sooner than the others noticed it gone is
/// recorded as having left (and come up again), once for each run; the hosts already dead as this one joined are not
/// told (the cluster keeps them listed for days, and the hosts up then told the incidents open then).
/// </summary>
public sealed class HostDepartureRecorderTests(HostDepartureRecorderTests.Host host) : IClassFixture<HostDepartureRecorderTests.Host>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IPEndPoint Radios = IPEndPoint.Parse("10.20.0.7:11111");

    private static readonly DateTimeOffset LastPulse = new(2026, 12, 7, 21, 43, 21, TimeSpan.Zero);

    [Fact]
    public async Task A_host_restarted_at_its_address_is_recorded_as_having_left_once_for_each_run_and_runs_dead_before_this_host_joined_are_not()
    {
        var id = $"restart-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        var local = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var (yesterday, killed, restarted, again) = (SiloAddress.New(Radios, 100), SiloAddress.New(Radios, 200), SiloAddress.New(Radios, 300), SiloAddress.New(Radios, 400));
        var membership = new Membership();
        var told = new Tellings();
        var recorder = new HostDepartureRecorder(membership, host.Services.GetRequiredService<IGrainFactory>(),
            host.Services.GetRequiredService<ILocalSiloDetails>(), told);
        await recorder.StartAsync(Ct);
        try
        {
            // This host joins with a run of the radio host dead since yesterday, and another up.
            membership.Publish(1, (local, SiloStatus.Joining), (yesterday, SiloStatus.Dead), (killed, SiloStatus.Active));
            membership.Publish(2, (local, SiloStatus.Active), (yesterday, SiloStatus.Dead), (killed, SiloStatus.Active));
            // Heard from last at 21:43:21 (its pulse), killed, and started again at its address within seconds: its new
            // run declares the one before dead.
            await HostPulse.Of(host.Services.GetRequiredService<IGrainFactory>(), killed).Beat(killed.Generation, LastPulse);
            membership.Publish(3, (local, SiloStatus.Active), (yesterday, SiloStatus.Dead), (killed, SiloStatus.Dead), (restarted, SiloStatus.Joining));
            await told.RecordedAsync(1);
            var first = await DeparturesAsync(id);

            // And again: the next run's leaving is recorded too; the one before is not again.
            membership.Publish(4, (local, SiloStatus.Active), (yesterday, SiloStatus.Dead), (killed, SiloStatus.Dead), (restarted, SiloStatus.Dead), (again, SiloStatus.Active));
            await told.RecordedAsync(2);
            var second = await DeparturesAsync(id);

            Assert.Single(first);
            Assert.Equal(2, second.Count);
            Assert.All(second, d => Assert.Equal((Radios.ToString(), "restarted", local.Endpoint.ToString()),
                (d.GetProperty("subject").GetString(), d.GetProperty("level").GetString(), d.GetProperty("actor").GetString())));
            Assert.Equal(first[0].GetProperty("sequence").GetInt64(), second[0].GetProperty("sequence").GetInt64());
            // When each run was last heard from, where it was: the run after it never told its pulse here.
            Assert.Equal([LastPulse.ToString("O", System.Globalization.CultureInfo.InvariantCulture), null], second.Select(d => d.TryGetProperty("about", out var about) ? about.GetString() : null));
            var report = await host.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/report?format=json", Ct);
            Assert.Contains(report.GetProperty("timeline").EnumerateArray(), m => m.GetProperty("text").GetString()!.StartsWith(
                $"Host {Radios} left the cluster at {first[0].GetProperty("time").GetDateTimeOffset().UtcDateTime:HH:mm:ss} UTC (last heard from at 21:43:21 UTC) and came up again at its address",
                StringComparison.Ordinal));
            Assert.Contains(report.GetProperty("timeline").EnumerateArray(), m => m.GetProperty("text").GetString()!.StartsWith(
                $"Host {Radios} left the cluster and came up again at its address: radios and trackers sending to it were not heard while it was down, unless they reached another host (said by host {local.Endpoint})",
                StringComparison.Ordinal));
        }
        finally
        {
            await recorder.StopAsync(CancellationToken.None);
        }
    }

    // The host departures the incident has recorded.
    private async Task<List<JsonElement>> DeparturesAsync(string id) =>
        [.. (await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct))!
            .Where(m => m.GetProperty("type").GetString() == "host-departed")];

    /// <summary>The recorder's word each time an incident recorded a host's leaving, awaited rather than polled for.</summary>
    private sealed class Tellings : ILogger<HostDepartureRecorder>
    {
        private readonly Channel<string> said = Channel.CreateUnbounded<string>();
        private int recorded;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            said.Writer.TryWrite(formatter(state, exception));

        /// <summary>Completes once incidents have recorded <paramref name="count"/> leavings in all.</summary>
        public async Task RecordedAsync(int count)
        {
            while (recorded < count)
            {
                var line = await said.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
                Assert.DoesNotContain("Could not tell", line, StringComparison.Ordinal);
                recorded += line.Contains(" of host ", StringComparison.Ordinal) && line.Contains(" recorded ", StringComparison.Ordinal) ? 1 : 0;
            }
        }
    }

    /// <summary>The cluster's membership as a test has it agreed: each snapshot it publishes.</summary>
    private sealed class Membership : IClusterMembershipService
    {
        private readonly Channel<ClusterMembershipSnapshot> updates = Channel.CreateUnbounded<ClusterMembershipSnapshot>();

        public ClusterMembershipSnapshot CurrentSnapshot { get; private set; } =
            new(ImmutableDictionary<SiloAddress, ClusterMember>.Empty, MembershipVersion.MinValue);

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => updates.Reader.ReadAllAsync();

        public void Publish(long version, params (SiloAddress Silo, SiloStatus Status)[] members)
        {
            CurrentSnapshot = new(members.ToImmutableDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, m.Silo.ToString())), new MembershipVersion(version));
            updates.Writer.TryWrite(CurrentSnapshot);
        }

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }

    public sealed class Host : CommandHost;
}
