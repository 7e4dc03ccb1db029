namespace Command.Ingest.Aprs;

/// <summary>
/// The same APRS packet heard again: straight from its sender and then from each digipeater that repeats it, seconds
/// apart. An APRS-IS server drops such copies, so a Dire Wolf IGate's stream holds one of each; a TNC's holds every
/// copy its radio heard. A packet without a timestamp is taken at the time it arrived, so each copy would be another fix
/// at the same place a second or two later. As APRS-IS does, a packet is a copy when its source, destination and
/// information (not its path) match one heard within <see cref="Window"/>; a third-party packet is the packet it carries.
/// At most <see cref="MostRemembered"/> packets
/// are remembered; past that the oldest are forgotten first.
/// </summary>
public sealed class AprsDuplicates
{
    /// <summary>How long a packet heard is remembered: 30 s, as APRS-IS servers keep them.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>Most packets remembered: 10,000, half a minute of a busy channel many times over.</summary>
    public const int MostRemembered = 10_000;

    private readonly Dictionary<string, DateTimeOffset> heard = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> order = new();

    /// <summary>True when <paramref name="tnc2Line"/> is a copy of a packet heard within the window; otherwise remembers it.</summary>
    public bool IsCopy(string tnc2Line, DateTimeOffset now)
    {
        Forget(now);
        var key = Key(tnc2Line);
        if (heard.TryGetValue(key, out var at) && now - at < Window)
        {
            return true;
        }

        heard[key] = now;
        order.Enqueue((key, now));
        return false;
    }

    // SOURCE>DEST:information, the path between left out; of a third-party packet, the packet it carries, so a beacon
    // heard from its tracker and gated to RF by an IGate as well is one packet, as it is one fix.
    private static string Key(string line, bool carried = false)
    {
        var gt = line.IndexOf('>', StringComparison.Ordinal);
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (gt < 0 || colon < gt)
        {
            return line;
        }

        if (!carried && colon + 1 < line.Length && line[colon + 1] == '}')
        {
            return Key(line[(colon + 2)..], carried: true);
        }

        var comma = line.IndexOf(',', gt, colon - gt);
        return comma < 0 ? line : string.Concat(line.AsSpan(0, comma), line.AsSpan(colon));
    }

    private void Forget(DateTimeOffset now)
    {
        while (order.Count > 0 && (now - order.Peek().At >= Window || order.Count >= MostRemembered))
        {
            var (key, at) = order.Dequeue();
            if (heard.TryGetValue(key, out var latest) && latest == at)
            {
                heard.Remove(key);
            }
        }
    }
}
