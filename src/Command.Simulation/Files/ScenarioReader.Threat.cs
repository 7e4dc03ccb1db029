using System.Collections.Immutable;
using Command.Domain.Threats;
using Command.Domain.Validation;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    /// <summary>Default radius of where the threat may be, when the first step does not say. 10 m.</summary>
    private const double DefaultUncertaintyM = 10;

    private ThreatScript ReadThreat(ThreatDocument? threat, string path)
    {
        if (Required(threat, path) is not { } t || Required(t.Script, path + ".script") is not { } script
            || !Countable(script, ScenarioLimits.MaxSteps, path + ".script", "steps"))
        {
            return new ThreatScript([]);
        }

        if (script.Count == 0)
        {
            Error(path + ".script", "needs at least one step");
        }

        var id = string.IsNullOrWhiteSpace(t.Id) ? "T1" : t.Id;
        if (InputLimits.ThreatId(id) is { } badId)
        {
            Error(path + ".id", badId.Detail);
        }

        var steps = ImmutableArray.CreateBuilder<ThreatStep>();
        Threat? current = null;
        var previousS = 0.0;
        for (var i = 0; i < script.Count; i++)
        {
            var step = script[i];
            var at = $"{path}.script[{i}]";
            var atS = step.AtS is { } s ? Moment(s, at + ".atS") : Missing(at + ".atS");
            if (atS < previousS)
            {
                Error(at + ".atS", $"must not be before the previous step's {N(previousS)} s (was {N(atS)})");
            }

            previousS = Math.Max(previousS, atS);
            var phase = current?.Phase ?? ThreatPhase.Reported;
            if (step.Phase is not null && !ThreatPhases.TryParse(step.Phase, out phase))
            {
                Error(at + ".phase", $"{Quote(step.Phase)} is not a threat phase; expected reported, active, contained or neutralized");
            }
            else if (step.Phase is null && current is null)
            {
                Error(at + ".phase", "is required on the first step");
            }

            var moved = step.At is not null || current is null;
            var position = current?.Position;
            if (moved)
            {
                position = Point(step.At, at + ".at") is { } p ? frame!.ToGeo(p) : null;
            }

            var uncertainty = current?.UncertaintyM ?? DefaultUncertaintyM;
            if (step.UncertaintyM is { } u && InputLimits.Uncertainty(u) is { } wrong)
            {
                Error(at + ".uncertaintyM", wrong.Detail);
            }
            else if (step.UncertaintyM is { } given)
            {
                uncertainty = given;
            }

            Judged(InputLimits.Height(null, null, null, step.Floor), at + ".floor");
            Judged(InputLimits.Reason(step.Reason), at + ".reason");
            if (PhaseChanges.Check(current?.Phase, phase, step.Reason) is { } refused)
            {
                Error(at + ".reason", $"is required: {refused.Detail}");
            }

            if (position is { } where)
            {
                current = new Threat(id, where, uncertainty, phase, step.Floor ?? current?.Floor);
                if (moved && site is not null)
                {
                    // Placed where the incident takes a threat: one placed farther off is refused as the drill plays.
                    Judged(ThreatGround.Check(site, current), at + ".at");
                }

                steps.Add(new ThreatStep(atS, current, string.IsNullOrWhiteSpace(step.Reason) ? null : step.Reason.Trim()));
            }
        }

        return new ThreatScript(steps.ToImmutable());
    }

    /// <summary>A refusal by the incident's own rules, given as the error at the field it judged.</summary>
    private void Judged(Rejection? refusal, string path)
    {
        if (refusal is not null)
        {
            Error(path, refusal.Detail);
        }
    }

    private double Missing(string path)
    {
        Error(path, "is required");
        return 0;
    }
}
