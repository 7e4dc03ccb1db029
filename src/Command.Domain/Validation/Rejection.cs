namespace Command.Domain.Validation;

/// <summary>A refused input: the named reason and a sentence with the numbers that explain it.</summary>
[GenerateSerializer, Immutable]
public sealed record Rejection(RejectReason Reason, string Detail)
{
    public string Code => RejectReasons.Name(Reason);

    public override string ToString() => $"{Code}: {Detail}";
}
