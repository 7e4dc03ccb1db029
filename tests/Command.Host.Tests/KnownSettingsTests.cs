using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Command.Host.Hosting;
using Command.Host.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Command.Host.Tests;

/// <summary>A key in a section the host reads that names no setting stops the host, named with the setting meant.</summary>
public sealed partial class KnownSettingsTests
{
    [Theory]
    [InlineData("Recording:Provder", "Blob", "Recording:Provder is not a recording setting (did you mean Provider?); they are Provider, Path,")]
    [InlineData("Auth:SessionLifetme", "01:00:00", "Auth:SessionLifetme is not an access setting (did you mean SessionLifetime?)")]
    [InlineData("Cluster:SiloPrt", "11112", "Cluster:SiloPrt is not a cluster setting (did you mean SiloPort?)")]
    [InlineData("Incidents:MaxOpn", "5", "Incidents:MaxOpn is not an incident setting (did you mean MaxOpen?)")]
    [InlineData("Frames:Intervall", "00:00:00.2", "Frames:Intervall is not a frame setting (did you mean Interval?)")]
    [InlineData("Retention:ClosedSessionFor", "7.00:00:00", "Retention:ClosedSessionFor is not a retention setting (did you mean ClosedSessionsFor?)")]
    [InlineData("Demo:Enable", "true", "Demo:Enable is not a demo setting (did you mean Enabled?)")]
    [InlineData("Diagnostics:Probes", "true", "Diagnostics:Probes is not a diagnostics setting (did you mean Probe?)")]
    [InlineData("Http:BehindTlsProxi", "true", "Http:BehindTlsProxi is not an HTTP setting (did you mean BehindTlsProxy?); they are BehindTlsProxy, KnownProxies, RateLimits")]
    [InlineData("Http:RateLimits:Report:PerSecond", "5", "Http:RateLimits:Report is not a rate limit (did you mean Reports?); they are Reports, Commands")]
    [InlineData("Http:RateLimits:Reports:PerSecnd", "5", "Http:RateLimits:Reports:PerSecnd is not a rate limit setting (did you mean PerSecond?)")]
    [InlineData("Ingest:Incidnet", "drill", "Ingest:Incidnet is not an ingest setting (did you mean Incident?)")]
    [InlineData("Ingest:Validaton:MaxAge", "00:01:00", "Ingest:Validaton is not an ingest setting (did you mean Validation?)")]
    [InlineData("Ingest:Validation:MaxAccuracy", "50", "Ingest:Validation:MaxAccuracy is not a validation setting (did you mean MaxAccuracyM?)")]
    [InlineData("Ingest:Cot:ThreatPerUID", "true", "")]
    [InlineData("Ingest:Cot:MaxEventChar", "1000", "Ingest:Cot:MaxEventChar is not a Cursor on Target setting (did you mean MaxEventChars?)")]
    [InlineData("Ingest:Nmea:RequireChecksums", "false", "Ingest:Nmea:RequireChecksums is not an NMEA setting (did you mean RequireChecksum?)")]
    [InlineData("Ingest:OsmAnd:Prot", "5056", "Ingest:OsmAnd:Prot is not an OsmAnd setting (did you mean Port?)")]
    [InlineData("Kestrel:Certificates:Default:Pth", "/etc/command/host.pfx", "Kestrel:Certificates:Default:Pth is not a certificate setting (did you mean Path?)")]
    [InlineData("Kestrel:Certificates:Default:Password", "secret", "")]
    public void A_key_that_names_no_setting_is_named_with_the_setting_meant(string key, string value, string expected)
    {
        var unknown = Unknown(new() { [key] = value });

        // Keys are matched as the binder matches them, in any case.
        Assert.Equal(expected.Length == 0 ? [] : [expected], unknown.Select(u => u[..Math.Min(u.Length, expected.Length)]));
    }

    [Fact]
    public void Sections_read_by_settings_of_their_own_are_left_to_them()
    {
        // A listener's section is checked as the listener is made; the assessment's by its own reader.
        Assert.Empty(Unknown(new()
        {
            ["Ingest:Cot:Udp:Alow:0:Address"] = "10.0.0.0/8",
            ["Assessment:HoldAlertAfer"] = "00:02:00",
            ["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:5000",
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["POD_IP"] = "10.1.2.3",
        }));
    }

    [Fact]
    public void Every_setting_the_readme_and_the_deployment_files_name_is_known()
    {
        var root = RepositoryRoot.Path;
        var named = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in ReadmeKey().Matches(File.ReadAllText(Path.Combine(root, "README.md"))))
        {
            named.Add(m.Groups["key"].Value);
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "deploy"), "*", SearchOption.AllDirectories))
        {
            foreach (Match m in EnvironmentKey().Matches(File.ReadAllText(file)))
            {
                named.Add(m.Groups["key"].Value.Replace("__", ":", StringComparison.Ordinal).TrimEnd(':'));
            }
        }

        var sections = KnownSettings.Sections.Select(s => s.Path.Split(':')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ours = named.Where(k => sections.Contains(k.Split(':')[0]) && !k.Contains(":Alow", StringComparison.Ordinal)).ToList();
        Assert.Contains("Recording:Provider", ours);
        Assert.Contains("Cluster:Clustering", ours);
        Assert.Contains("Http:RateLimits:Reports:PerSecond", ours);
        Assert.True(ours.Count >= 40, $"only {ours.Count} settings found: {string.Join(", ", ours)}");
        Assert.Empty(Unknown(ours.ToDictionary(k => k, _ => (string?)"1")));
    }

    [Theory]
    [InlineData("DataPth", "DataPth is not a setting (did you mean DataPath?)")]
    [InlineData("Clustr:SiloPort", "Clustr is not a setting (did you mean Cluster?)")]
    [InlineData("Recordng:Provider", "Recordng is not a setting (did you mean Recording?)")]
    [InlineData("Assesment:HoldSpeedMps", "Assesment is not a setting (did you mean Assessment?)")]
    [InlineData("DATAPATH", "")]
    [InlineData("PATH", "")]
    [InlineData("HOSTNAME", "")]
    [InlineData("LANG", "")]
    [InlineData("DOTNET_ROOT", "")]
    public void A_top_level_key_a_letter_or_two_off_one_the_host_reads_is_named_and_others_are_left_alone(string key, string expected)
    {
        // The top level also holds every environment variable: only a plain misspelling of the host's own is refused.
        var misspelt = Command.Ingest.Listeners.SettingsSection.Misspelt(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "x" }).Build(), KnownSettings.TopLevel);

        Assert.Equal(expected.Length == 0 ? [] : [expected], misspelt);
    }

    [Fact]
    public async Task A_host_given_a_misspelt_data_path_refuses_to_start_rather_than_keep_its_data_in_the_programs_folder()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["DataPth"] = "/tmp/command-tests/never" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.StartsWith("This host cannot start: DataPth is not a setting (did you mean DataPath?)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_whose_configuration_still_names_a_retired_setting_starts_and_warns_of_it_once()
    {
        // Written for a build that read it: the key does nothing now, and an upgrade must not leave the host down over it.
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["incidents:resumedafter"] = "00:00:15" });

        await host.InitializeAsync();

        (await host.Client.GetAsync("/health", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var warned = Assert.Single(HostLog.Lines(host), l => l.Text.Contains("was retired in", StringComparison.Ordinal));
        Assert.Equal("Warning", warned.Level);
        Assert.Contains("\"Setting\":\"Incidents:ResumedAfter\",\"Since\":\"2026-12\"", warned.Text, StringComparison.Ordinal);
        Assert.Contains("every stop of a lone host is now said in the incidents it runs again, however short; remove the setting", warned.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_retired_setting_still_refuses_to_start()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Incidents:ResumedAftr"] = "00:00:15" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.StartsWith("This host cannot start: Incidents:ResumedAftr is not an incident setting;", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Incidents:SaysResumes")]
    [InlineData("Incidents:PersistOnShutdown")]
    public void What_the_host_sets_from_where_it_keeps_grain_state_is_no_incident_setting(string key)
    {
        // Set from Cluster:GrainStorage: named in configuration it was taken without a word, and the host overrode it.
        var unknown = Unknown(new() { [key] = "false" });

        Assert.Equal(
            [$"{key} is not an incident setting; they are TickInterval, UnwatchedTickInterval, IdleAfter, SnapshotInterval, PersistInterval, UnitSyncInterval, CatchUpRetry, MaxOpen, ObserverExpiry"],
            unknown);
    }

    [Fact]
    public void Every_key_that_names_no_setting_is_named_at_once()
    {
        var unknown = Unknown(new() { ["Recording:Provder"] = "Blob", ["Cluster:Clusterin"] = "AzureTable", ["Ingest:Cot:Udp:Port"] = "8087" });

        Assert.Equal(2, unknown.Count);
    }

    [Fact]
    public async Task A_host_with_a_misspelt_recording_setting_refuses_to_start()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Recording:Provder"] = "Blob", ["Auth:SignInLockOt"] = "00:10:00" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.StartsWith("This host cannot start: Recording:Provder is not a recording setting (did you mean Provider?)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("; Auth:SignInLockOt is not an access setting (did you mean SignInLockOut?)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_given_values_its_settings_cannot_be_read_as_refuses_to_start_naming_each()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Demo:Speed"] = "fast", ["Recording:Provider"] = "Blobb" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Equal("This host cannot start: Recording:Provider is 'Blobb', which is not one of Disk, Blob; Demo:Speed is 'fast', which is not a number.", refused.Message);
    }

    [Fact]
    public async Task A_demo_that_could_not_play_stops_the_host_before_it_starts_naming_each_setting()
    {
        // An incident id the dashboard could not join, and a speed the drill refuses.
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Incident"] = "Drill 1", ["Demo:Speed"] = "100" });

        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () => await host.InitializeAsync());

        Assert.Equal(
            ["Demo:Incident 'Drill 1' is not an incident id: an incident id is 1-64 letters, digits, '-', '_' or '.', not starting with '.'", "Demo:Speed 100 is outside 0.25-60"],
            refused.Failures);
    }

    [Fact]
    public async Task A_scenario_folder_that_is_not_there_stops_the_host_before_it_starts_naming_the_setting()
    {
        var missing = Path.Combine(Path.GetTempPath(), "command-tests", "scenarios-" + Guid.NewGuid().ToString("N"));
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Demo:ScenarioFolder"] = missing });

        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () => await host.InitializeAsync());

        Assert.Equal(
            [$"Demo:ScenarioFolder '{missing}' is not a folder ({missing}): create it and put the scenario files there, or leave the setting out to use 'scenarios' next to the host, which may be absent"],
            refused.Failures);
    }

    [Fact]
    public async Task A_host_given_no_scenario_folder_starts_with_none_there()
    {
        // The default folder, "scenarios" beside the host, is not there for a test host, nor for a first run.
        await using var host = new ConfiguredHost(new Dictionary<string, string?>());

        await host.InitializeAsync();

        Assert.Equal(["demo"], (await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement[]>("/api/scenarios", TestContext.Current.CancellationToken))!.Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_traccar_rate_that_could_not_work_stops_the_host_before_it_starts_naming_it()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Ingest:OsmAnd:Enabled"] = "true", ["Ingest:OsmAnd:Port"] = "0", ["Ingest:OsmAnd:DeviceRate:Burst"] = "0" });

        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () => await host.InitializeAsync());

        Assert.Equal(["Ingest:OsmAnd:DeviceRate:Burst must be at least 1, not 0"], refused.Failures);
    }

    private static List<string> Unknown(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return [.. KnownSettings.Unknown(configuration)];
    }

    // A setting as the README names it in backticks: `Recording:Provider`, `Http:RateLimits:Reports:PerSecond`.
    [GeneratedRegex(@"`(?<key>[A-Z][A-Za-z]+(?::[A-Za-z0-9]+)+)")]
    private static partial Regex ReadmeKey();

    // A setting as an environment variable names it: Cluster__Clustering, Ingest__Cot__Udp__Allow__0__Address.
    [GeneratedRegex(@"\b(?<key>[A-Z][A-Za-z]+(?:__[A-Za-z0-9]+)+)")]
    private static partial Regex EnvironmentKey();

    private sealed class ConfiguredHost(IDictionary<string, string?> settings) : CommandHost(settings);
}
