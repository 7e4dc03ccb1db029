using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// ATAK with authentication turned on for its server connection sends its user's name and password first, as
/// <c>&lt;auth&gt;&lt;cot username password uid/&gt;&lt;/auth&gt;</c>, then its events. The log-in is neither a report nor
/// a refusal: refused, its text, password and all, was recorded in the incident; with no declaration of its own, it
/// ran into the first event, which was lost with it.
/// </summary>
public sealed class CotLogInTests
{
    private const string Declaration = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>";

    private const string LogIn = "<auth><cot username='officer7' password='S3cret!' uid='ANDROID-1'/></auth>";

    [Theory(Timeout = 30_000)]
    [InlineData("", "")]
    [InlineData(Declaration + "\n", "\n" + Declaration + "\n")]
    [InlineData(Declaration, "")]
    public async Task A_tak_clients_log_in_is_passed_over_unrecorded_and_its_first_event_taken(string before, string between)
    {
        await using var rig = await IngestRig.StartAsync();
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(phone, before + LogIn + between + CotParserTests.Event(uid: "ANDROID-1") + CotParserTests.Event(uid: "ANDROID-2"));
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal(["ANDROID-1", "ANDROID-2"], delivered.Select(d => d.Report?.UnitId));
        Assert.Equal(0, rig.Meters.Rejected("malformed", "CoT"));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_auth_element_inside_an_event_is_that_events_detail_and_cuts_nothing()
    {
        await using var rig = await IngestRig.StartAsync();
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(phone, CotParserTests.Event(uid: "ANDROID-1", detail: "<auth method='none'/>") + CotParserTests.Event(uid: "ANDROID-2"));
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal(["ANDROID-1", "ANDROID-2"], delivered.Select(d => d.Report?.UnitId));
    }

    [Fact]
    public void A_log_in_read_on_its_own_is_no_report_and_keeps_none_of_its_text()
    {
        var outcome = new Command.Ingest.Cot.CotParser(Command.Ingest.Cot.CotOptions.Default).Parse(Declaration + LogIn);

        Assert.Equal((true, null, ""), (outcome.LogIn, outcome.Report, outcome.Raw));
    }
}
