namespace Command.Evaluation.Harness;

/// <summary>
/// What a unit's fixes could show by a deadline to an observer who knows the truth's shape and the device's noise
/// exactly, so that a target missed can be told from one the fixes put out of reach. It is lenient on purpose — two
/// standard errors, one decision, outliers known — so what it calls out of reach no rule could catch reliably (a
/// rule may still catch it now and then, by the luck of the noise).
/// Where a unit is indoors its fixes carry the device's indoor noise and twice its bias.
/// </summary>
public static class FixEvidence
{
    /// <summary>Standard errors of separation an ideal observer needs, once: a real rule deciding on every fix needs more.</summary>
    public const double Z = 2;

    /// <summary>Closing pace a hold must be told from (the false-flag target's).</summary>
    public const double ClosingMps = 1;

    /// <summary>
    /// Whether the fixes from a hold's start to its deadline could show it: for a fall back, the unit's distance from
    /// the threat over the fixes since it left beyond the contact radius; for any other hold, its fixes' distance
    /// rate told from closing at 1 m/s.
    /// </summary>
    public static bool HoldShowable(LabelledTrack track, HoldOutcome hold, bool fellBack, double contactRadiusM)
    {
        var fixes = track.Fixes.Where(f => f.Second >= hold.StartS && f.Second <= hold.DeadlineS).ToList();
        if (fixes.Count == 0)
        {
            return false;
        }

        if (fellBack)
        {
            // Told from a unit in contact by where it stands: the mean of its fixes, whose bias does not average out.
            var truths = fixes.Select(f => track.Truth[f.Second]).ToList();
            var noise = truths.Average(t => AxisVariance(track, t));
            var bias = truths.Average(t => BiasVariance(track, t));
            var error = Math.Sqrt((noise / fixes.Count) + bias);
            return truths.Average(t => t.Position.Length) - contactRadiusM >= Z * error;
        }

        // Told from a unit closing at 1 m/s by its distance rate: the slope's error over the fixes' spread in time.
        if (fixes.Count < 2)
        {
            return false;
        }

        var mean = fixes.Average(f => f.Second);
        var spread = fixes.Sum(f => (f.Second - mean) * (f.Second - mean));
        var slopeError = Math.Sqrt(fixes.Average(f => AxisVariance(track, track.Truth[f.Second])) / spread);
        return ClosingMps >= Z * slopeError;
    }

    /// <summary>
    /// Whether the fixes from a unit's resuming its approach to the clear's deadline could show its progress: the
    /// true progress at the latest of them beyond twice the error of a line's end over them (the held position taken
    /// as known exactly).
    /// </summary>
    public static bool ProgressShowable(LabelledTrack track, ClearOutcome clear)
    {
        var fixes = track.Fixes.Where(f => f.Second >= clear.ResumedS && f.Second <= clear.DeadlineS).ToList();
        if (fixes.Count == 0)
        {
            return false;
        }

        var k = fixes.Count;
        var noise = fixes.Average(f => AxisVariance(track, track.Truth[f.Second]));
        // The variance of a fitted line's end over k evenly spaced fixes, in units of one fix's.
        var end = k == 1 ? 1 : ((4.0 * k) - 2) / (k * (k + 1.0));
        var progress = track.Truth[clear.ResumedS].Position.Length - track.Truth[fixes[^1].Second].Position.Length;
        return progress >= Z * Math.Sqrt(noise * end);
    }

    // One axis's variance of a fix's white noise (a device's noise is its horizontal root mean square).
    private static double AxisVariance(LabelledTrack track, TruthSecond t)
    {
        var noise = t.Indoors ? track.IndoorNoiseM : track.NoiseM;
        return noise * noise / 2;
    }

    private static double BiasVariance(LabelledTrack track, TruthSecond t)
    {
        var bias = t.Indoors ? 2 * track.BiasM : track.BiasM;
        return bias * bias;
    }
}
