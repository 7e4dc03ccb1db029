namespace Command.Ingest.Intake;

/// <summary>
/// Units bound to a device credential, which take positions from that credential only. The host implements it over
/// its copy of the access book: a dictionary lookup, no grain call.
/// </summary>
public interface IUnitBindings
{
    /// <summary>The actor of the credential the unit is bound to, or null when it is bound to none.</summary>
    string? BoundTo(string unitId);
}

/// <summary>No unit is bound: every sender may report for every unit.</summary>
public sealed class NoUnitBindings : IUnitBindings
{
    public string? BoundTo(string unitId) => null;
}
