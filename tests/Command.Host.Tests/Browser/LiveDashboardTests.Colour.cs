using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>Colour is never the only sign, and it warns only about units judged on closing.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task A_units_state_on_the_map_is_a_mark_as_well_as_a_colour()
    {
        var scene = await Scene.OpenAsync(host, "marks");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.EnrolAsync("M1", "Medic 1", "medical");
        await scene.TrackAsync("P2", (-80, -160), (-75, -145), (-70, -130), (-65, -115), (-60, -100), (-55, -85));
        await scene.TrackAsync("M1", (-120, -120), (-119, -120), (-120, -119));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        // Two units alone on the map have room for their labels.
        await dashboard.Marker("P2").ToShowAsync("state", "closing");
        await dashboard.Marker("P2").ToShowAsync("label", "▼Patrol 2");
        await dashboard.Marker("M1").ToShowAsync("state", "holding");
        await dashboard.Marker("M1").ToShowAsync("label", "■Medic 1");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_unit_that_holds_by_design_is_not_coloured_as_a_warning()
    {
        const string Watch = "rgb(255, 194, 51)";
        const string Plain = "rgb(242, 245, 248)";
        var scene = await Scene.OpenAsync(host, "design");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("M1", "Medic 1", "medical");
        await scene.HoldAsync("P1", 0, -60);
        await scene.TrackAsync("M1", (-120, -120), (-119, -120), (-120, -119));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-state", "holding");
        await Expect(dashboard.Row("M1")).ToHaveAttributeAsync("data-state", "holding");

        await Expect(dashboard.Row("P1").Locator(".state-word")).ToHaveCSSAsync("color", Watch);
        await dashboard.Marker("P1").ToShowAsync("state", "holding");
        Assert.Equal(Watch, await dashboard.Marker("P1").CentreColourAsync());
        await Expect(dashboard.Row("M1").Locator(".state-word")).ToHaveCSSAsync("color", Plain);
        await dashboard.Marker("M1").ToShowAsync("state", "holding");
        Assert.Equal(Plain, await dashboard.Marker("M1").CentreColourAsync());
        await Expect(dashboard.Row("M1").Locator(".state-word")).ToHaveTextAsync("■ HOLDING");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task An_officer_at_the_threat_is_drawn_over_its_marker_not_hidden_under_it()
    {
        // Four officers in contact stood within 9 m of the threat; the map showed one, the others under its marker, at
        // the moment a trainer most wants to see who is in.
        var scene = await Scene.OpenAsync(host, "atthreat");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.TrackAsync("P1", (0, 60), (0, 80), (0, 97), (0, 98), (0, 98));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-state", "arrived");
        await dashboard.Marker("P1").ToShowAsync("state", "arrived");

        Assert.Equal(await dashboard.Marker("P1").CentreColourAsync(), await dashboard.Marker("P1").ScreenColourAsync());
        Assert.Empty(dashboard.Errors);
    }
}
