namespace Command.Domain.AfterAction;

/// <summary>
/// The incident's figures in one round of its drill while the fold runs: a drill started over plays its threat again,
/// and each round's firsts, threat phases and flags are its own.
/// </summary>
internal sealed class IncidentRound(int number, DateTimeOffset? startedAt)
{
    public int Number { get; } = number;

    /// <summary>When it began: the incident opening, or the start-over.</summary>
    public DateTimeOffset? StartedAt { get; set; } = startedAt;

    public DateTimeOffset? ActiveAt { get; set; }

    public DateTimeOffset? ContainedAt { get; set; }

    public DateTimeOffset? NeutralizedAt { get; set; }

    public UnitMoment? FirstOnScene { get; set; }

    public UnitMoment? FirstEntry { get; set; }

    public UnitMoment? FirstContact { get; set; }

    public int FlagsRaised { get; set; }

    /// <summary>Of <see cref="FlagsRaised"/>, those raised on a zone ("zone:{id}") rather than on a unit.</summary>
    public int FlagsRaisedOnZones { get; set; }

    public int FlagsAcknowledged { get; set; }

    /// <summary>Its figures, durations from its threat going active (or its start) on <paramref name="elapsed"/>, the clock units were judged on.</summary>
    public RoundMetrics ToMetrics(Func<DateTimeOffset?, DateTimeOffset?, TimeSpan?> elapsed)
    {
        var from = ActiveAt ?? StartedAt;
        return new RoundMetrics(Number, StartedAt, ActiveAt, FirstOnScene, FirstEntry, FirstContact, elapsed(from, FirstContact?.Time),
            ContainedAt, elapsed(from, ContainedAt), NeutralizedAt, elapsed(from, NeutralizedAt), FlagsRaised, FlagsAcknowledged, FlagsRaisedOnZones);
    }
}
