namespace Command.Simulator.Load;

/// <summary>Request latencies in milliseconds, and their nearest-rank percentiles.</summary>
internal sealed class Latencies
{
    private readonly Lock gate = new();
    private readonly List<double> samples = [];

    public void Add(TimeSpan elapsed)
    {
        lock (gate)
        {
            samples.Add(elapsed.TotalMilliseconds);
        }
    }

    public string Describe()
    {
        double[] sorted;
        lock (gate)
        {
            sorted = [.. samples.Order()];
        }

        if (sorted.Length == 0)
        {
            return "no requests completed";
        }

        double At(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return $"POST latency over {sorted.Length} requests: p50 {At(0.5):F1} ms, p90 {At(0.9):F1} ms, p99 {At(0.99):F1} ms, max {sorted[^1]:F1} ms";
    }
}
