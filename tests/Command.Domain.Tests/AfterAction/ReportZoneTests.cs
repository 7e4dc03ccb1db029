using Command.Domain.AfterAction;
using Command.Domain.Sites;

namespace Command.Domain.Tests.AfterAction;

public sealed class ReportZoneTests
{
    [Theory]
    [InlineData(ZoneKind.Hot, "hot zone Main hall")]
    [InlineData(ZoneKind.Staging, "staging zone Main hall")]
    [InlineData(ZoneKind.CasualtyCollection, "casualty collection point Main hall")]
    public void A_zone_is_named_as_its_own_flags_word_it(ZoneKind kind, string described) =>
        Assert.Equal(described, new ReportZone("z1", "Main hall", kind).Described);

    [Theory]
    [InlineData("hot zone Main hall", "hot zone Main hall has had no contact unit for 60 s", "has had no contact unit for 60 s")]
    [InlineData("hot zone Main hall", "a contact unit is in hot zone Main hall: SRO Baker", "a contact unit is in hot zone Main hall: SRO Baker")]
    [InlineData("hot zone Main hall", "hot zone Main hallway has had no contact unit for 60 s", "hot zone Main hallway has had no contact unit for 60 s")]
    [InlineData("Adam 1 (A1)", "holding 20 s at 200 m from the threat", "holding 20 s at 200 m from the threat")]
    public void A_flags_reason_does_not_say_again_the_name_it_is_written_beside(string named, string reason, string said) =>
        Assert.Equal(said, AfterActionWords.ReasonAfter(named, reason));
}
