using System.Collections.Immutable;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    /// <summary>
    /// A unit's reporting: each field its own, else the file's default (top-level <c>reporting</c>), else the built-in
    /// one. A value that is wrong is named where it is written, so a default every unit takes is one error, not one a unit.
    /// </summary>
    private ReportingProfile ReadReporting(ReportingDocument? unit, ReportingDocument? defaults, string path)
    {
        (double Value, string Path) Pick(Func<ReportingDocument, double?> field, string name, double builtIn) =>
            unit is not null && field(unit) is { } own ? (own, $"{path}.{name}")
            : defaults is not null && field(defaults) is { } shared ? (shared, $"$.reporting.{name}")
            : (builtIn, $"{path}.{name}");

        var (cadenceS, cadenceAt) = Pick(r => r.CadenceS, "cadenceS", 2);
        var cadence = Within(cadenceS, ScenarioLimits.MinCadenceS, ScenarioLimits.MaxCadenceS, cadenceAt, "s", "a device reports at most once a second");
        var (jitterS, jitterAt) = Pick(r => r.JitterS, "jitterS", 0);
        var jitter = Within(jitterS, 0, ScenarioLimits.MaxCadenceS, jitterAt, "s");
        if (jitter == jitterS && cadence == cadenceS && jitter >= cadence)
        {
            Error(jitterAt, $"must be less than the cadence of {N(cadence)} s so fixes stay in order (was {N(jitter)})");
        }

        var (outlierProbability, probabilityAt) = Pick(r => r.OutlierProbability, "outlierProbability", 0);
        if (!(outlierProbability is >= 0 and <= 1))
        {
            Error(probabilityAt, $"must be between 0 and 1 (was {N(outlierProbability)})");
        }

        var (noise, noiseAt) = Pick(r => r.NoiseSigmaM, "noiseSigmaM", 0);
        var (outlier, outlierAt) = Pick(r => r.OutlierM, "outlierM", 50);
        var (accuracy, accuracyAt) = Pick(r => r.AccuracyM, "accuracyM", 5);
        return new ReportingProfile(
            cadence,
            jitter,
            Within(noise, 0, ScenarioLimits.MaxNoiseSigmaM, noiseAt, "m"),
            outlierProbability,
            Within(outlier, 0, ScenarioLimits.MaxOutlierM, outlierAt, "m"),
            AboveZero(accuracy, ScenarioLimits.MaxAccuracyM, accuracyAt, "m", "the worst accuracy the host takes"),
            ReadDropouts(unit?.Dropouts is not null ? (unit.Dropouts, path) : (defaults?.Dropouts, "$.reporting")));
    }

    private ImmutableArray<Dropout> ReadDropouts((List<DropoutDocument>? List, string Path) given)
    {
        var path = given.Path + ".dropouts";
        if (given.List is not { } list || !Countable(list, ScenarioLimits.MaxSteps, path, "dropouts"))
        {
            return [];
        }

        var dropouts = ImmutableArray.CreateBuilder<Dropout>();
        foreach (var (d, i) in list.Select((d, i) => (d, i)))
        {
            var at = $"{path}[{i}]";
            var from = d.FromS is { } f ? Moment(f, at + ".fromS") : Missing(at + ".fromS");
            var to = d.ToS is { } t ? Moment(t, at + ".toS") : Missing(at + ".toS");
            if (to <= from && d.FromS is not null && d.ToS is not null)
            {
                Error(at + ".toS", $"must be after fromS {N(from)} s (was {N(to)})");
            }

            dropouts.Add(new Dropout(from, to));
        }

        return dropouts.ToImmutable();
    }
}
