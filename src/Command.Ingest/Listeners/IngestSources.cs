namespace Command.Ingest.Listeners;

/// <summary>How a source of reports stands on this host: a listener bound or not, a source Command connects out to reached or not.</summary>
public enum SourceCondition
{
    /// <summary>A listener bound to its port, taking what comes.</summary>
    Listening,

    /// <summary>A listener that could not bind its port: nothing sent to it is heard.</summary>
    NotBound,

    /// <summary>Connecting to a source, or waiting to, with no outage yet.</summary>
    Connecting,

    /// <summary>Connected to a source.</summary>
    Connected,

    /// <summary>A source that cannot be reached, or keeps closing the connection: nothing from it is heard.</summary>
    Unreachable,

    /// <summary>Another host of the cluster is connected to the source.</summary>
    ConnectedElsewhere,

    /// <summary>
    /// A listener bound to its port that refuses part of what comes: an address sends faster than its rate limit (a TAK
    /// Server or gateway relaying many units), and the units it carries go stale one by one.
    /// </summary>
    Throttled,
}

/// <summary>
/// How one source of reports stands on this host, since when, and why where it is down.
/// </summary>
/// <param name="Section">Its settings' section (<c>Ingest:Cot:TakServer</c>), which names it apart.</param>
/// <param name="Name">In words: "TAK Server at 10.0.0.5:8089", "CoT over UDP on port 8087".</param>
/// <param name="Condition">How it stands.</param>
/// <param name="Since">Since when it has stood so.</param>
/// <param name="Detail">Why it is down, or which host is connected to it; null otherwise.</param>
/// <param name="Incident">The incident it feeds.</param>
/// <param name="Shared">
/// True for a source one host of the cluster connects to for all (a TAK Server, a TNC, APRS-IS), whose standing is the
/// cluster's; false for a listener, which every host runs for itself.
/// </param>
public sealed record SourceState(string Section, string Name, SourceCondition Condition, DateTimeOffset Since, string? Detail = null, string Incident = "", bool Shared = false)
{
    /// <summary>Nothing sent by or through the source is heard on this host or any other.</summary>
    public bool Down => Condition is SourceCondition.NotBound or SourceCondition.Unreachable;

    /// <summary>Part of what is sent through the source is refused (see <see cref="SourceCondition.Throttled"/>).</summary>
    public bool Throttled => Condition == SourceCondition.Throttled;
}

/// <summary>
/// How every source of reports turned on stands on this host, as its listeners and clients tell it: a dispatcher's
/// board says which are down, where otherwise their units would only go stale one by one.
/// </summary>
public sealed class IngestSources(TimeProvider clock)
{
    private readonly Dictionary<string, SourceState> states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> fed = new(StringComparer.Ordinal);
    // When each listener last refused what an address sent too fast.
    private readonly Dictionary<string, DateTimeOffset> lastRefusedTooFast = new(StringComparer.Ordinal);

    /// <summary>How long a listener refusing part of what comes stands so after its last refusal.</summary>
    public static readonly TimeSpan ThrottledFor = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a source is taken to feed an incident other than its own after a report of a unit enrolled there came
    /// through it: an hour, as long as a drill.
    /// </summary>
    public static readonly TimeSpan FeedsFor = TimeSpan.FromHours(1);

    /// <summary>Told each time a source's standing changes, with how it stands now (after it is kept).</summary>
    public event Action<SourceState>? Changed;

    /// <summary>
    /// Says how the source of <paramref name="section"/>, feeding <paramref name="incident"/>, stands now (see
    /// <see cref="SourceState"/>); since when carries on while its condition does. Why it is down is kept as words
    /// the page and the incident's recording take (no control characters, at most <see cref="MostDetailChars"/>): it
    /// may carry what a remote source said.
    /// </summary>
    public void Set(string section, string incident, bool shared, string name, SourceCondition condition, string? detail = null)
    {
        detail = Intake.SenderText.Said(detail, MostDetailChars, freeText: true);
        SourceState now;
        lock (states)
        {
            var was = states.GetValueOrDefault(section);
            now = new SourceState(section, name, condition, was?.Condition == condition ? was.Since : clock.GetUtcNow(), detail, incident, shared);
            if (now == was)
            {
                return;
            }

            states[section] = now;
        }

        Changed?.Invoke(now);
    }

    /// <summary>
    /// Notes that the listener of <paramref name="section"/> refused what <paramref name="address"/> sent beyond its rate
    /// limit: it stands <see cref="SourceCondition.Throttled"/> (where it was listening) until <see cref="ThrottledFor"/>
    /// passes without another (<see cref="EndThrottling"/>). Cheap while it stands so: every datagram of a flood comes here.
    /// Why it stands so is <paramref name="detail"/> where the listener says it in words of its own, else that the address
    /// sends faster than its limit and what a relay's address needs.
    /// </summary>
    public void RefusedTooFast(string section, string address, string? detail = null)
    {
        var now = clock.GetUtcNow();
        SourceState throttled;
        lock (states)
        {
            lastRefusedTooFast[section] = now;
            if (!states.TryGetValue(section, out var was) || was.Condition != SourceCondition.Listening)
            {
                return;
            }

            throttled = was with
            {
                Condition = SourceCondition.Throttled,
                Since = now,
                Detail = Intake.SenderText.Said(detail ?? $"{address} sends faster than its rate limit; what it sends beyond that is refused, and the units it carries go stale (a relay sending for many units gets a limit of its own: {RelayLimit(section)})", MostDetailChars, freeText: true),
            };
            states[section] = throttled;
        }

        Changed?.Invoke(throttled);
    }

    /// <summary>The settings that give a relay's address a rate limit of its own on the listener of <paramref name="section"/>.</summary>
    public static string RelayLimit(string section) => $"{section}:Allow:<n>:Address and RatePerSecond";

    /// <summary>Every listener that has refused nothing as too fast for <see cref="ThrottledFor"/> stands listening again.</summary>
    public void EndThrottling()
    {
        var now = clock.GetUtcNow();
        List<SourceState> listening = [];
        lock (states)
        {
            foreach (var state in states.Values.Where(s => s.Throttled).ToList())
            {
                if (now - lastRefusedTooFast.GetValueOrDefault(state.Section) >= ThrottledFor)
                {
                    var back = state with { Condition = SourceCondition.Listening, Since = now, Detail = null };
                    states[state.Section] = back;
                    listening.Add(back);
                }
            }
        }

        foreach (var back in listening)
        {
            Changed?.Invoke(back);
        }
    }

    /// <summary>
    /// Notes that a report of a unit enrolled in <paramref name="incident"/> came through the source of
    /// <paramref name="section"/>: units are routed to the incident they are enrolled in, whatever source they report
    /// through, and that incident's units go quiet too when the source goes down.
    /// </summary>
    public void Fed(string section, string incident)
    {
        var now = clock.GetUtcNow();
        lock (fed)
        {
            if (!fed.TryGetValue(section, out var incidents))
            {
                fed[section] = incidents = new(StringComparer.Ordinal);
            }

            // Every report of such a unit comes here: the incidents fed long ago are swept only as a new one is added
            // (Feeds leaves them out meanwhile).
            if (incidents.ContainsKey(incident))
            {
                incidents[incident] = now;
                return;
            }

            foreach (var (old, _) in incidents.Where(i => now - i.Value > FeedsFor).ToList())
            {
                incidents.Remove(old);
            }

            incidents[incident] = now;
        }
    }

    /// <summary>The incidents the source of <paramref name="section"/> fed within <see cref="FeedsFor"/> besides its own, by id.</summary>
    public IReadOnlyList<string> Feeds(string section)
    {
        var now = clock.GetUtcNow();
        lock (fed)
        {
            return fed.TryGetValue(section, out var incidents)
                ? [.. incidents.Where(i => now - i.Value <= FeedsFor).Select(i => i.Key).Order(StringComparer.Ordinal)]
                : [];
        }
    }

    /// <summary>The most characters of why a source is down that are kept.</summary>
    public const int MostDetailChars = 300;

    /// <summary>Every source turned on, by section.</summary>
    public IReadOnlyList<SourceState> All()
    {
        lock (states)
        {
            return [.. states.Values.OrderBy(s => s.Section, StringComparer.Ordinal)];
        }
    }
}
