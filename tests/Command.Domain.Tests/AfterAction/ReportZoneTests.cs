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
}
