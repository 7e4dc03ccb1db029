using System.Globalization;

namespace Command.Domain.Events;

/// <summary>
/// The incident runs again after its host stopped (killed, or stopped and started again): from when it stopped (this
/// event's time: when its host was last known running, or its last recorded event where that is later, since a quiet
/// incident records nothing) to <paramref name="Resumed"/> it was not running, and nothing sent to the host meanwhile was heard
/// unless its device sent it again. Recorded once as it runs again, stamped where it stopped so that what was judged up
/// to then stays judged and the time between counts as no one's (a drill carried on says the same of its own clock), and
/// so that the board, a replay and the after-action report say why every unit went unheard at the same second rather
/// than read it as radios failing together. A cluster says the same of a host that left it (see <see cref="HostDeparted"/>).
/// </summary>
/// <param name="Host">The host it runs on again (its silo's address).</param>
/// <param name="Resumed">When it ran again.</param>
[GenerateSerializer, Immutable]
public sealed record IncidentResumed(string Host, DateTimeOffset Resumed) : IncidentEvent
{
    /// <summary>"not running 07:47:15–07:49:27 UTC (2:12): its host 127.0.0.1:11111 stopped or restarted".</summary>
    public string Said() => string.Create(CultureInfo.InvariantCulture,
        $"not running {Time.UtcDateTime:HH:mm:ss}–{Resumed.UtcDateTime:HH:mm:ss} UTC ({AfterAction.Durations.Clock(Resumed - Time)}): its host {Host} stopped or restarted");
}
