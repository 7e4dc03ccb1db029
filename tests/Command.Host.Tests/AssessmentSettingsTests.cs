using Command.Domain.Assessment;
using Command.Domain.Units;
using Command.Host.Hosting;
using Command.Host.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Command.Host.Tests;

/// <summary>The assessment's settings are read as configured, or the host refuses to start and says which is wrong.</summary>
public sealed class AssessmentSettingsTests
{
    [Fact]
    public void Settings_are_read_as_configured_and_configured_closing_roles_replace_the_default_ones()
    {
        var options = Read(new()
        {
            ["Assessment:HoldWatchAfter"] = "00:00:30",
            ["Assessment:HoldSpeedMps"] = "0.6",
            ["Assessment:ClosingRoles:0"] = "contact",
            ["Assessment:ClosingRoles:1"] = "rescue-task-force",
        });

        Assert.Equal(TimeSpan.FromSeconds(30), options.HoldWatchAfter);
        Assert.Equal(0.6, options.HoldSpeedMps);
        Assert.Equal([UnitRole.Contact, UnitRole.RescueTaskForce], options.ClosingRoles.Order());
        Assert.Equal(AssessmentOptions.Default with { HoldWatchAfter = options.HoldWatchAfter, HoldSpeedMps = 0.6, ClosingRoles = options.ClosingRoles }, options);
    }

    [Fact]
    public void No_settings_are_the_defaults()
    {
        var options = Read([]);

        Assert.Equal(AssessmentOptions.Default.HoldAlertAfter, options.HoldAlertAfter);
        Assert.Equal([UnitRole.Unassigned, UnitRole.Contact], options.ClosingRoles.Order());
        Assert.Null(options.Problem());
    }

    [Theory]
    [InlineData("HoldWatchAfer", "00:00:30", "Assessment:HoldWatchAfer is not an assessment setting (did you mean HoldWatchAfter?); they are RateWindow, RateWindowFixes,")]
    [InlineData("Sensitivity", "high", "Assessment:Sensitivity is not an assessment setting; they are RateWindow,")]
    [InlineData("HoldSpeedMps", "fast", "Assessment:HoldSpeedMps is 'fast', which is not a number.")]
    [InlineData("HoldSpeedMps", "-1", "Assessment:HoldSpeedMps must be a positive number (was -1)")]
    [InlineData("ContactRadiusM", "NaN", "Assessment:ContactRadiusM must be a positive number (was NaN)")]
    [InlineData("ArrivalHysteresisM", "-2", "Assessment:ArrivalHysteresisM must be a number of metres, zero or more (was -2)")]
    [InlineData("RateWindow", "00:00:00", "Assessment:RateWindow must be positive (was 00:00:00)")]
    [InlineData("HoldAlertAfter", "00:00:10", "Assessment:HoldAlertAfter (00:00:10) must be at least Assessment:HoldWatchAfter (00:00:20): an alert follows its watch")]
    [InlineData("RateWindowFixes", "1", "Assessment:RateWindowFixes must be at least 2 (was 1)")]
    [InlineData("ClosingRoles:0", "Sniper", "Assessment:ClosingRoles:0 is 'Sniper', which is not a unit role (unassigned, contact, perimeter, staging, medical, rescue-task-force, command)")]
    [InlineData("ClosingRoles:0", "4", "Assessment:ClosingRoles:0 is '4', which is not a unit role")]
    public void A_setting_that_cannot_be_honoured_is_named(string key, string value, string expected)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read(new() { [$"Assessment:{key}"] = value }));

        Assert.StartsWith("This host cannot start: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read(new()
        {
            ["Assessment:HoldSpeedMps"] = "0",
            ["Assessment:OpeningAlertAfter"] = "00:00:05",
        }));

        Assert.Equal(
            "This host cannot start: Assessment:HoldSpeedMps must be a positive number (was 0); "
            + "Assessment:OpeningAlertAfter (00:00:05) must be at least Assessment:OpeningWatchAfter (00:00:10): an alert follows its watch.",
            refused.Message);
    }

    [Fact]
    public async Task A_host_with_a_misspelt_assessment_setting_refuses_to_start()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Assessment:HoldAlertAfer"] = "00:02:00" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Contains("Assessment:HoldAlertAfer is not an assessment setting (did you mean HoldAlertAfter?)", refused.Message, StringComparison.Ordinal);
    }

    private static AssessmentOptions Read(Dictionary<string, string?> settings) =>
        AssessmentSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private sealed class ConfiguredHost(IDictionary<string, string?> settings) : CommandHost(settings);
}
