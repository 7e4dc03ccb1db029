using System.Collections.Immutable;
using Command.Domain.Threats;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    /// <summary>Default radius of where the threat may be, when the first step does not say. 10 m.</summary>
    private const double DefaultUncertaintyM = 10;

    private ThreatScript ReadThreat(ThreatDocument? threat, string path)
    {
        if (Required(threat, path) is not { } t || Required(t.Script, path + ".script") is not { } script)
        {
            return new ThreatScript([]);
        }

        if (script.Count == 0)
        {
            Error(path + ".script", "needs at least one step");
        }

        var id = string.IsNullOrWhiteSpace(t.Id) ? "T1" : t.Id;
        var steps = ImmutableArray.CreateBuilder<ThreatStep>();
        Threat? current = null;
        var previousS = 0.0;
        for (var i = 0; i < script.Count; i++)
        {
            var step = script[i];
            var at = $"{path}.script[{i}]";
            var atS = step.AtS is { } s ? NotNegative(s, at + ".atS") : Missing(at + ".atS");
            if (atS < previousS)
            {
                Error(at + ".atS", $"must not be before the previous step's {N(previousS)} s (was {N(atS)})");
            }

            previousS = Math.Max(previousS, atS);
            var phase = current?.Phase ?? ThreatPhase.Reported;
            if (step.Phase is not null && !ThreatPhases.TryParse(step.Phase, out phase))
            {
                Error(at + ".phase", $"'{step.Phase}' is not a threat phase; expected reported, active, contained or neutralized");
            }
            else if (step.Phase is null && current is null)
            {
                Error(at + ".phase", "is required on the first step");
            }

            var position = current?.Position;
            if (step.At is not null || current is null)
            {
                position = Point(step.At, at + ".at") is { } p ? frame!.ToGeo(p) : null;
            }

            var uncertainty = step.UncertaintyM is { } u ? NotNegative(u, at + ".uncertaintyM") : current?.UncertaintyM ?? DefaultUncertaintyM;
            if (PhaseChanges.Check(current?.Phase, phase, step.Reason) is { } refused)
            {
                Error(at + ".reason", $"is required: {refused.Detail}");
            }

            if (position is { } where)
            {
                current = new Threat(id, where, uncertainty, phase, step.Floor ?? current?.Floor);
                steps.Add(new ThreatStep(atS, current, string.IsNullOrWhiteSpace(step.Reason) ? null : step.Reason.Trim()));
            }
        }

        return new ThreatScript(steps.ToImmutable());
    }

    private double Missing(string path)
    {
        Error(path, "is required");
        return 0;
    }
}
