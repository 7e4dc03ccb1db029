using Command.Domain.Events;

namespace Command.Domain.Views;

/// <summary>Which events a view shows in its feed: everything but the routine flow of fixes, ticks and refusals.</summary>
public static class NotableEvents
{
    public static bool IsNotable(IncidentEvent e) => e is not (PositionAccepted or ClockTicked or InputRejected);
}
