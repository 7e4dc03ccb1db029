namespace Command.Ingest.Http;

/// <summary>
/// The Traccar Client's device identifiers an admin issued, each bound to one unit. The app can send nothing but
/// its identifier, so the identifier is the secret. The host implements it over its copy of the access book.
/// </summary>
public interface IDeviceDirectory
{
    /// <summary>The unit and credential behind an identifier, or null when no live credential has it.</summary>
    DeviceBinding? Find(string identifier);
}

/// <summary>Who an OsmAnd device is: the actor its reports are recorded under, and the one unit it reports for.</summary>
public sealed record DeviceBinding(string Actor, string UnitId);

/// <summary>No identifier was issued: every OsmAnd device is refused.</summary>
public sealed class NoDevices : IDeviceDirectory
{
    public DeviceBinding? Find(string identifier) => null;
}
