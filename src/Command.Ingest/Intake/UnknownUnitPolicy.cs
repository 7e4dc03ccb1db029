namespace Command.Ingest.Intake;

/// <summary>What to do with a report from a unit the incident has not enrolled.</summary>
public enum UnknownUnitPolicy
{
    /// <summary>Follow the incident's own auto-enrol setting.</summary>
    IncidentDefault,

    /// <summary>Enrol it with the default role.</summary>
    Enrol,

    /// <summary>Refuse it with reason unknown-unit.</summary>
    Refuse,
}
