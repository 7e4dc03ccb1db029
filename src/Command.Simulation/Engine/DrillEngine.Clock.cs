namespace Command.Simulation.Engine;

public sealed partial class DrillEngine
{
    // The drill clock is piecewise linear in wall time: it restarts its slope at each start, resume and speed
    // change. "Elapsed" counts drill seconds across loops; script time is elapsed less the finished loops.
    private DateTimeOffset wallAnchor;
    private double elapsedAnchorS;
    private double scriptS;
    private int iteration;

    private double ScriptS => scriptS;

    private double ProcessedS => (iteration * scenario.DurationS) + scriptS;

    private void Anchor()
    {
        wallAnchor = clock.GetUtcNow();
        elapsedAnchorS = ProcessedS;
    }

    private double ElapsedAt(DateTimeOffset now) => elapsedAnchorS + ((now - wallAnchor).TotalSeconds * speed);

    /// <summary>The wall-clock instant the drill clock passed <paramref name="elapsedS"/>; a fix's time.</summary>
    private DateTimeOffset WallAt(double elapsedS) => wallAnchor + TimeSpan.FromSeconds((elapsedS - elapsedAnchorS) / speed);

    private void ResetReporters()
    {
        for (var i = 0; i < reporters.Length; i++)
        {
            // Distinct, reproducible streams per unit and per loop; string hashes are randomised per process.
            reporters[i].Reset(unchecked((options.Seed * 1_000_003) + (i * 7_919) + (iteration * 104_729)));
        }
    }
}
