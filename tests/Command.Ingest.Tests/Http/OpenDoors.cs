using System.Security.Claims;
using Command.Ingest.Http;
using Command.Ingest.Intake;

namespace Command.Ingest.Tests.Http;

/// <summary>
/// Ingest's HTTP endpoints without a host's access book: every caller reports for any unit, and every OsmAnd device
/// identifier is a unit of the same name, except <see cref="Unknown"/>.
/// </summary>
internal sealed class OpenDoors : IReportSenders, IDeviceDirectory
{
    public const string Policy = "report";

    /// <summary>The one identifier no admin issued.</summary>
    public const string Unknown = "stranger";

    public ReportSender? Of(ClaimsPrincipal caller) => new("test-sender", null);

    public DeviceBinding? Find(string identifier) => identifier == Unknown ? null : new DeviceBinding($"device:{identifier}", identifier);
}
