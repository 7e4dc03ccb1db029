namespace Command.Ingest.Cot;

/// <summary>What a CoT event type means to the incident.</summary>
internal enum CotKind
{
    Unit,
    Hostile,
    Other,
}

/// <summary>
/// Classifies CoT types by their atoms: <c>a-{affiliation}-{dimension}</c>. Friendly (<c>f</c>), assumed friend
/// (<c>a</c>), neutral (<c>n</c>) and unknown (<c>u</c>) ground (<c>G</c>) atoms are units; hostile (<c>h</c>)
/// and the exercise hostiles joker (<c>j</c>) and faker (<c>k</c>) of any dimension are the threat; everything
/// else (suspect, pending, air, sea, drawings <c>u-d-*</c>, bits <c>b-*</c>, pings <c>t-x-*</c>) is not a position.
/// </summary>
internal static class CotTypes
{
    public static CotKind Classify(string type)
    {
        if (type.Length < 3 || type[0] != 'a' || type[1] != '-')
        {
            return CotKind.Other;
        }

        var affiliation = type[2];
        var rest = type.Length > 3 ? type.AsSpan(3) : [];
        if (affiliation is 'h' or 'j' or 'k' && (rest.IsEmpty || rest[0] == '-'))
        {
            return CotKind.Hostile;
        }

        var ground = rest.Length >= 2 && rest[0] == '-' && rest[1] == 'G' && (rest.Length == 2 || rest[2] == '-');
        return affiliation is 'f' or 'a' or 'n' or 'u' && ground ? CotKind.Unit : CotKind.Other;
    }
}
