namespace Command.Host.Drills;

/// <summary>A drill as it outlives its host: what it plays, whether it runs, and how far its clock had got.</summary>
[GenerateSerializer]
public sealed class DrillGrainState
{
    [Id(0)]
    public DrillOrder? Order { get; set; }

    /// <summary>"running", "paused", "stopped", "completed" or "faulted"; null before the first start.</summary>
    [Id(1)]
    public string? State { get; set; }

    /// <summary>Seconds into the script when last saved.</summary>
    [Id(2)]
    public double DrillTimeS { get; set; }

    /// <summary>The loop it was in when last saved.</summary>
    [Id(3)]
    public int Iteration { get; set; }

    /// <summary>When, on the incident's clock, it was last saved; null in drills saved before this was kept.</summary>
    [Id(4)]
    public DateTimeOffset? SavedAt { get; set; }

    /// <summary>
    /// True when a stopping host put it down and said so in the incident; false when it was put down without a word
    /// (its host went down), so the host that carries it on says how long its clock stood still.
    /// </summary>
    [Id(5)]
    public bool HandedOver { get; set; }

    /// <summary>
    /// The rounds drills played on this incident before this one started: 0 for the first, and for a drill started again
    /// the rounds of every one before it (each loop of a looping drill a round). The drill started again begins the next.
    /// </summary>
    [Id(6)]
    public int RoundsBefore { get; set; }

    public bool Live => State is "running" or "paused";
}
