using Command.Domain.Views;

namespace Command.Grains.Incidents;

/// <summary>A host that listens to an incident and fans its frames out to the browsers watching it.</summary>
public interface IIncidentObserver : IGrainObserver
{
    [OneWay]
    Task OnFrame(IncidentFrame frame);
}
