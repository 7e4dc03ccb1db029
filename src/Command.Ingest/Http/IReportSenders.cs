using System.Security.Claims;
using Command.Ingest.Intake;

namespace Command.Ingest.Http;

/// <summary>Who a caller of the report endpoint is, as a <see cref="ReportSender"/>. The host reads it from the caller's credential.</summary>
public interface IReportSenders
{
    /// <summary>The sender, or null when the caller may not report at all.</summary>
    ReportSender? Of(ClaimsPrincipal caller);
}

/// <summary>Nobody may report: what ingest assumes until a host says who its callers are.</summary>
public sealed class NoReportSenders : IReportSenders
{
    public ReportSender? Of(ClaimsPrincipal caller) => null;
}
