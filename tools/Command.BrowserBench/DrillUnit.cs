namespace Command.BrowserBench;

/// <summary>One unit of the bench drill: where it starts, where it heads, how fast, and where it stops.</summary>
internal sealed record DrillUnit(int Index, string UnitId, string Callsign, string Role, double East, double North, double SpeedMps, double StopM)
{
    /// <summary>Role, id prefix and callsign of each share of the mix, out of twenty.</summary>
    private static readonly (int Share, string Role, string Prefix, string Name)[] Mix =
    [
        (8, "contact", "P", "Patrol"),
        (5, "perimeter", "K", "Cordon"),
        (3, "staging", "S", "Engine"),
        (2, "medical", "M", "Medic"),
        (2, "rescue-task-force", "R", "Rescue"),
    ];

    private static readonly int MixTotal = Mix.Sum(m => m.Share);

    /// <param name="run">the run's own tag, which the unit's id ends in, so a second run enrols units of its own</param>
    public static DrillUnit Place(int index, int count, Random random, string run)
    {
        var (kind, number) = KindOf(index);
        var id = $"{kind.Prefix}{index + 1:0000}-{run}";
        var callsign = $"{kind.Name} {number}";
        var bearing = random.NextDouble() * 2 * Math.PI;
        (double E, double N) Around(double radius) => (radius * Math.Sin(bearing), radius * Math.Cos(bearing));
        return kind.Role switch
        {
            // One contact unit in five holds where it is: the case the dashboard exists to catch.
            "contact" => Unit(Around(150 + (random.NextDouble() * 1150)), random.Next(5) == 0 ? 0 : 1.2 + random.NextDouble()),
            "perimeter" => Unit(Around(380 + (random.NextDouble() * 40)), 0),
            "staging" => Unit((-150 + (random.NextDouble() * 300), 620 + (random.NextDouble() * 160)), 0),
            "medical" => Unit((-420 + (random.NextDouble() * 90) - 45, -150 + (random.NextDouble() * 70) - 35), 0),
            _ => Unit(Around(250 + (random.NextDouble() * 200)), 0.6, 120),
        };

        DrillUnit Unit((double E, double N) at, double speed, double stop = 10) => new(index, id, callsign, kind.Role, at.E, at.N, speed, stop);
    }

    /// <summary>The share of the mix a unit falls in, and its number among the units of that share.</summary>
    private static ((int Share, string Role, string Prefix, string Name) Kind, int Number) KindOf(int index)
    {
        var within = index % MixTotal;
        foreach (var kind in Mix)
        {
            if (within < kind.Share)
            {
                return (kind, (index / MixTotal * kind.Share) + within + 1);
            }

            within -= kind.Share;
        }

        throw new InvalidOperationException("the mix covers every slot");
    }

    /// <summary>Metres east and north of the threat, <paramref name="seconds"/> after the drill's start, with a metre of GPS noise.</summary>
    public (double East, double North) At(double seconds)
    {
        var distance = Math.Sqrt((East * East) + (North * North));
        var travelled = Math.Min(SpeedMps * seconds, Math.Max(0, distance - StopM));
        var left = (distance - travelled) / distance;
        var noise = new Random((Index * 100_003) + (int)Math.Floor(seconds));
        return ((East * left) + noise.NextDouble() - 0.5, (North * left) + noise.NextDouble() - 0.5);
    }
}
