using Command.Ingest.Aprs;

namespace Command.Ingest.Tests.Aprs;

public sealed class AprsDuplicatesTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_packet_heard_again_through_a_digipeater_within_30_s_is_a_copy_and_after_them_is_not()
    {
        var duplicates = new AprsDuplicates();

        Assert.False(duplicates.IsCopy("K1ABC-9>APRS,WIDE1-1,WIDE2-1:!3944.35N/10459.42W>", Start));
        Assert.True(duplicates.IsCopy("K1ABC-9>APRS,W1XYZ-3*,WIDE2-1:!3944.35N/10459.42W>", Start.AddSeconds(2)));
        Assert.True(duplicates.IsCopy("K1ABC-9>APRS:!3944.35N/10459.42W>", Start.AddSeconds(29.9)));
        Assert.False(duplicates.IsCopy("K1ABC-9>APRS,WIDE1-1:!3944.35N/10459.42W>", Start.AddSeconds(30)));
    }

    [Fact]
    public void A_beacon_heard_from_its_tracker_and_gated_to_rf_as_a_third_party_packet_is_one_packet()
    {
        var duplicates = new AprsDuplicates();

        Assert.False(duplicates.IsCopy("K1ABC-9>APRS,WIDE1-1:!3944.35N/10459.42W>", Start));
        Assert.True(duplicates.IsCopy("N0GW>APDW17,WIDE2-1:}K1ABC-9>APRS,TCPIP,N0GW*:!3944.35N/10459.42W>", Start.AddSeconds(3)));
        Assert.False(duplicates.IsCopy("N0GW>APDW17,WIDE2-1:}K1ABC-7>APRS,TCPIP,N0GW*:!3944.35N/10459.42W>", Start.AddSeconds(3)));
    }

    [Fact]
    public void Another_source_destination_or_information_is_another_packet()
    {
        var duplicates = new AprsDuplicates();

        Assert.False(duplicates.IsCopy("K1ABC-9>APRS,WIDE1-1:!3944.35N/10459.42W>", Start));
        Assert.False(duplicates.IsCopy("K1ABC-7>APRS,WIDE1-1:!3944.35N/10459.42W>", Start));
        Assert.False(duplicates.IsCopy("K1ABC-9>APDW17,WIDE1-1:!3944.35N/10459.42W>", Start));
        Assert.False(duplicates.IsCopy("K1ABC-9>APRS,WIDE1-1:!3944.36N/10459.42W>", Start));
    }

    [Fact]
    public void A_flood_of_packets_is_remembered_only_up_to_the_most()
    {
        var duplicates = new AprsDuplicates();
        for (var i = 0; i <= AprsDuplicates.MostRemembered; i++)
        {
            duplicates.IsCopy($"K1ABC>APRS:>{i}", Start);
        }

        // The first was forgotten to make room; the latest is remembered.
        Assert.False(duplicates.IsCopy("K1ABC>APRS:>0", Start));
        Assert.True(duplicates.IsCopy($"K1ABC>APRS:>{AprsDuplicates.MostRemembered}", Start));
    }
}
