namespace Command.Domain.Validation;

/// <summary>A refused input: the named reason and a sentence with the numbers that explain it.</summary>
[GenerateSerializer, Immutable]
public sealed record Rejection(RejectReason Reason, string Detail)
{
    public string Code => RejectReasons.Name(Reason);

    /// <summary>The refusal of anything sent to incident <paramref name="incidentId"/>, closed at <paramref name="closedAt"/>: it takes nothing more.</summary>
    public static Rejection Closed(string incidentId, DateTimeOffset closedAt) =>
        new(RejectReason.Closed, $"incident '{incidentId}' was closed at {closedAt:u}; it takes nothing more");

    public override string ToString() => $"{Code}: {Detail}";
}
