using Command.Ingest.Kiss;

namespace Command.Ingest.Tests.Kiss;

public sealed class Ax25PacketTests
{
    [Fact]
    public void A_ui_frame_as_a_tnc_hears_it_reads_as_the_tnc2_line_an_aprs_is_server_would_send()
    {
        // N0CALL-9>APRS,WIDE1-1*,WIDE2-1 by hand: each character shifted left one bit, then the SSID byte.
        byte[] frame =
        [
            0x82, 0xA0, 0xA4, 0xA6, 0x40, 0x40, 0x60, // APRS
            0x9C, 0x60, 0x86, 0x82, 0x98, 0x98, 0x72, // N0CALL-9
            0xAE, 0x92, 0x88, 0x8A, 0x62, 0x40, 0xE2, // WIDE1-1, repeated
            0xAE, 0x92, 0x88, 0x8A, 0x64, 0x40, 0x63, // WIDE2-1, last address
            0x03, 0xF0, .. "!4903.50N/07201.75W-Test"u8,
        ];

        Assert.Equal(("N0CALL-9>APRS,WIDE1-1*,WIDE2-1:!4903.50N/07201.75W-Test", null), Ax25Packet.ToTnc2(frame));
        Assert.Equal(frame, Ax25Frames.Ui("N0CALL-9", "APRS", "!4903.50N/07201.75W-Test", "WIDE1-1*", "WIDE2-1"));
    }

    [Theory]
    [InlineData("N0CALL-9>APDR16,TCPIP*,qAC,T2USA:=3944.35N/10459.42Wu")]
    [InlineData("n0call>APRS:!3944.35N/10459.42W>")]
    [InlineData("N0CALL-16>APRS:!3944.35N/10459.42W>")]
    [InlineData("TOOLONG7>APRS:!3944.35N/10459.42W>")]
    [InlineData("N0CALL>APRS,A,B,C,D,E,F,G,H,I:!3944.35N/10459.42W>")]
    [InlineData("N0CALL APRS:!3944.35N/10459.42W>")]
    public void A_line_whose_addresses_no_tnc_could_send_makes_no_frame(string line)
    {
        Assert.Null(Ax25Packet.FromTnc2(line));
    }

    [Fact]
    public void A_frame_written_from_a_line_reads_back_as_that_line()
    {
        const string Line = "N0CALL-13>SX15S6,W1XYZ-3*,WIDE2-1:'I',l \u001C>/]";

        Assert.Equal((Line, null), Ax25Packet.ToTnc2(Ax25Packet.FromTnc2(Line)));
    }

    [Fact]
    public void Only_the_last_digipeater_that_repeated_the_frame_is_marked()
    {
        var frame = Ax25Frames.Ui("K1ABC", "APDW16", "=3944.35N/10459.42W>", "W1XYZ-3*", "WIDE1*", "WIDE2-1");

        Assert.Equal("K1ABC>APDW16,W1XYZ-3,WIDE1*,WIDE2-1:=3944.35N/10459.42W>", Ax25Packet.ToTnc2(frame).Line);
    }

    [Fact]
    public void What_else_the_radio_hears_is_no_aprs_packet_and_says_why()
    {
        var ui = Ax25Frames.Ui("K1ABC", "APRS", "!3944.35N/10459.42W>");
        var connected = ui.ToArray();
        connected[14] = 0x10;
        var netRom = ui.ToArray();
        netRom[15] = 0xCF;
        var lowerCase = ui.ToArray();
        lowerCase[7] = (byte)('k' << 1);
        var gap = ui.ToArray();
        gap[9] = 0x40;

        Assert.Equal("it is no UI frame (control 0x10)", Ax25Packet.ToTnc2(connected).NotAprs);
        Assert.Equal("it carries protocol 0xCF, not APRS's 0xF0", Ax25Packet.ToTnc2(netRom).NotAprs);
        Assert.Equal("address 2 is not a callsign", Ax25Packet.ToTnc2(lowerCase).NotAprs);
        Assert.Equal("address 2 is not a callsign", Ax25Packet.ToTnc2(gap).NotAprs);
        Assert.Equal("it ends inside its address field (10 bytes)", Ax25Packet.ToTnc2(ui.AsSpan(0, 10)).NotAprs);
        Assert.Equal("it ends before its control and protocol bytes", Ax25Packet.ToTnc2(ui.AsSpan(0, 15)).NotAprs);
        Assert.Equal("it has no source address", Ax25Packet.ToTnc2([0x82, 0xA0, 0xA4, 0xA6, 0x40, 0x40, 0x61, 0x03, 0xF0]).NotAprs);
        Assert.Equal("its address field runs past 10 addresses", Ax25Packet.ToTnc2([.. Enumerable.Repeat<byte[]>([0x82, 0xA0, 0xA4, 0xA6, 0x40, 0x40, 0x60], 11).SelectMany(a => a)]).NotAprs);
    }
}
