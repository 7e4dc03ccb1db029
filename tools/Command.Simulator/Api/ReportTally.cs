using Command.Simulation.Wire;

namespace Command.Simulator.Api;

/// <summary>Counts what the host made of the reports sent: accepted, and refused by reason. Safe to read while written.</summary>
internal sealed class ReportTally
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, long> rejectedByReason = new(StringComparer.Ordinal);
    private long sent;
    private long accepted;
    private long failedPosts;
    private string? firstFailure;

    public void Add(int count, ReportsOutcomeBody outcome)
    {
        lock (gate)
        {
            sent += count;
            accepted += outcome.Accepted;
            foreach (var r in outcome.Rejected)
            {
                rejectedByReason[r.Reason] = rejectedByReason.GetValueOrDefault(r.Reason) + 1;
            }
        }
    }

    public void Failed(int count, string why)
    {
        lock (gate)
        {
            sent += count;
            failedPosts++;
            firstFailure ??= why;
        }
    }

    public (long Sent, long Accepted, long Rejected, long FailedPosts, string Reasons) Read()
    {
        lock (gate)
        {
            var reasons = string.Join(", ", rejectedByReason.Select(p => $"{p.Key} {p.Value}"));
            return (sent, accepted, rejectedByReason.Values.Sum(), failedPosts, reasons);
        }
    }

    public override string ToString()
    {
        var (s, a, r, f, reasons) = Read();
        var why = r > 0 ? $" ({reasons})" : "";
        string? first;
        lock (gate)
        {
            first = firstFailure;
        }

        var failed = f > 0 ? $", {f} POSTs failed (first: {first})" : "";
        return $"sent {s}, accepted {a}, rejected {r}{why}{failed}";
    }
}
