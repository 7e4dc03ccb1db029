namespace Command.Recording.AfterAction;

/// <summary>Which table of the report a CSV export holds.</summary>
public enum AfterActionTable
{
    /// <summary>One row per unit.</summary>
    Units,

    /// <summary>Incident metrics as metric,value rows.</summary>
    Incident,

    /// <summary>Distance to the threat over time: unit, time, metres.</summary>
    Distances,

    /// <summary>Flag spans: subject, level, raised, cleared, seconds, reason, escalated, and who first acknowledged it, when and why, and how often in all.</summary>
    Flags,

    /// <summary>Timeline markers: time, kind, subject, text.</summary>
    Timeline,
}
