namespace Command.Host.Access;

/// <summary>
/// The body of a 401 or 403: a machine-readable reason (<c>unauthenticated</c>, <c>missing-right</c>,
/// <c>cross-site-refused</c>, ...), a sentence, and for a missing right the right's name.
/// </summary>
public sealed record AccessRefused(string Reason, string Detail, string? Right = null);
