using System.Security.Claims;
using Command.Grains.Access;
using Command.Ingest.Http;
using Command.Ingest.Intake;

namespace Command.Host.Access;

/// <summary>
/// Who posts reports: a device token for the units it is bound to and none other; an admin for any unit not bound
/// to a device credential. Anyone else may not report.
/// </summary>
public sealed class ReportSenders : IReportSenders
{
    public ReportSender? Of(ClaimsPrincipal caller)
    {
        if (!Rights.Grants(caller, Rights.Report))
        {
            return null;
        }

        var roles = AccessClaims.Roles(caller).ToList();
        return new ReportSender(AccessClaims.Actor(caller), roles.Contains(AccessRole.Admin) ? null : AccessClaims.Units(caller));
    }
}
