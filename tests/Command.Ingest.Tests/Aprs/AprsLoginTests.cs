using Command.Ingest.Aprs;

namespace Command.Ingest.Tests.Aprs;

public sealed class AprsLoginTests
{
    [Theory]
    [InlineData("N0CALL", 13023)]
    [InlineData("n0call-9", 13023)]
    [InlineData("KD0ABC-9", 19108)]
    public void A_callsigns_passcode_is_the_networks_hash_of_its_base_in_upper_case(string callsign, int passcode) =>
        Assert.Equal(passcode, AprsLogin.PasscodeOf(callsign));

    [Fact]
    public void A_login_with_its_callsigns_passcode_is_answered_verified_and_one_receive_only_unverified()
    {
        var verified = AprsLogin.Read("user KD0ABC-9 pass 19108 vers aprslib 0.7.2 filter r/38.65/-98.43/10")!;
        var receiveOnly = AprsLogin.Read("user KD0ABC-9 pass -1 vers aprslib 0.7.2")!;
        var wrong = AprsLogin.Read("user KD0ABC-9 pass 13023 vers aprslib 0.7.2")!;

        Assert.Equal(("KD0ABC-9", 19108, true), (verified.Callsign, verified.Passcode, verified.Verified));
        Assert.Equal("# logresp KD0ABC-9 verified, server COMMAND\r\n", Text(verified.Answer()));
        Assert.Equal("# logresp KD0ABC-9 unverified, server COMMAND\r\n", Text(receiveOnly.Answer()));
        Assert.Equal("# logresp KD0ABC-9 unverified, server COMMAND\r\n", Text(wrong.Answer()));
    }

    [Fact]
    public void A_login_without_a_passcode_is_unverified_and_one_naming_no_printable_callsign_is_no_login()
    {
        Assert.Equal(("W1AW", null), (AprsLogin.Read("user W1AW")!.Callsign, AprsLogin.Read("user W1AW")!.Passcode));
        Assert.Null(AprsLogin.Read("user W1AW pass abc")!.Passcode);
        Assert.Null(AprsLogin.Read("user"));
        Assert.Null(AprsLogin.Read("user W1AW\u0007 pass 1"));
        Assert.Null(AprsLogin.Read("user " + new string('W', 40)));
        Assert.Null(AprsLogin.Read("username W1AW pass 1"));
    }

    [Fact]
    public void The_banner_names_the_software_on_one_comment_line() =>
        Assert.Matches(@"^# Command \d+\.\d+\.\d+\r\n$", Text(AprsLogin.Banner));

    [Fact]
    public void A_heartbeat_is_a_comment_line_with_the_time_in_gmt_as_aprs_is_servers_write_it() =>
        Assert.Matches(@"^# Command \d+\.\d+\.\d+ 4 Mar 2026 07:05:09 GMT COMMAND\r\n$", Text(AprsLogin.Heartbeat(new DateTimeOffset(2026, 3, 4, 8, 5, 9, TimeSpan.FromHours(1)))));

    private static string Text(ReadOnlyMemory<byte> bytes) => System.Text.Encoding.ASCII.GetString(bytes.Span);
}
