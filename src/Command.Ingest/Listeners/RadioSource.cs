using System.Net;

namespace Command.Ingest.Listeners;

/// <summary>
/// Who sent a message, as the listener knows it: the sender's address, what its allow-list entry grants, and for CoT
/// over TLS the unit its client certificate is bound to.
/// </summary>
public sealed record RadioSource(IPAddress Address, SourceGrant Grant, CertifiedUnit? Certificate = null)
{
    /// <summary>The actor recorded for what this source does, e.g. <c>cot:H-1@10.1.2.3</c> (and the certificate's subject over TLS).</summary>
    public string Actor(string sender) => Certificate is { } c ? $"{sender}@{Address} ({c.Subject})" : $"{sender}@{Address}";
}

/// <summary>A client certificate's subject and the one unit it may report for.</summary>
public sealed record CertifiedUnit(string Subject, string UnitId);
