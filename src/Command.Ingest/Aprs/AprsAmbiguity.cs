namespace Command.Ingest.Aprs;

/// <summary>
/// Position ambiguity: a sender blanks trailing digits of <c>DDMM.hh</c> with spaces. 1 to 4 blanks widen the
/// box to 0.1', 1', 10' and 1 degree of latitude. The position reported is the centre of the box and the
/// accuracy is half its north-south side: 92.6 m, 926 m, 9.26 km, 55.6 km. None blanked: accuracy unknown.
/// </summary>
internal static class AprsAmbiguity
{
    private static readonly double[] BoxMinutes = [0, 0.1, 1, 10, 60];

    /// <summary>Positions, from the right, that may be blanked in DDMM.hh (latitude) digits.</summary>
    private static readonly int[] Blankable = [6, 5, 3, 2];

    /// <summary>Counts the blanks of a DDMM.hh latitude; -1 when blanks are not trailing digits.</summary>
    public static int Level(ReadOnlySpan<char> latitude)
    {
        var level = 0;
        while (level < Blankable.Length && latitude[Blankable[level]] == ' ')
        {
            level++;
        }

        return latitude.Contains(' ') && latitude[..7].Count(' ') != level ? -1 : level;
    }

    /// <summary>Replaces blanks with zeros; the digit layout is the latitude's shifted by the longitude's extra degree digit.</summary>
    public static string Fill(ReadOnlySpan<char> digits, int level, int shift)
    {
        var chars = digits.ToArray();
        for (var i = 0; i < level; i++)
        {
            chars[Blankable[i] + shift] = '0';
        }

        return new string(chars);
    }

    /// <summary>Minutes to add so the position is the centre of the box.</summary>
    public static double CentreMinutes(int level) => BoxMinutes[level] / 2;

    public static double? AccuracyM(int level) => level == 0 ? null : BoxMinutes[level] / 2 * 1852;
}
