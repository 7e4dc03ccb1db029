using System.Collections.Frozen;
using System.Security.Claims;
using Command.Grains.Access;

namespace Command.Host.Access;

/// <summary>
/// What a caller may do, each right an authorization policy of the same name, and the roles that hold it (the
/// issue's table: admin may do everything). Endpoints and hub methods name a right, never a role, so the table
/// is in one place.
/// </summary>
public static class Rights
{
    /// <summary>Manage people, roles, device credentials, tokens and sign-in lock-outs.</summary>
    public const string ManageAccess = "manage-access";

    /// <summary>Open incidents, place and move threats, change phases, enrol and reassign units, acknowledge flags.</summary>
    public const string Command = "command";

    /// <summary>Start, pause, resume and stop drills and scenarios.</summary>
    public const string ControlDrills = "control-drills";

    /// <summary>Watch live incidents.</summary>
    public const string Watch = "watch";

    /// <summary>Watch replays others opened and read recorded sessions' lists.</summary>
    public const string WatchReplays = "watch-replays";

    /// <summary>Open replays of recorded sessions, and drive (play, pause, step, seek, close) those one opened.</summary>
    public const string OpenReplays = "open-replays";

    /// <summary>Drive or close a replay someone else opened, not only one's own (with <see cref="OpenReplays"/>, which the endpoints need first).</summary>
    public const string DriveAnyReplay = "drive-any-replay";

    /// <summary>Export after-action reports.</summary>
    public const string Export = "export";

    /// <summary>Read evaluator notes.</summary>
    public const string ReadNotes = "read-notes";

    /// <summary>Write evaluator notes, and amend or withdraw one's own (those one wrote, as the same actor).</summary>
    public const string WriteNotes = "write-notes";

    /// <summary>Amend or withdraw any evaluator's note, not only one's own (with <see cref="WriteNotes"/>, which the endpoints need first).</summary>
    public const string AmendAnyNote = "amend-any-note";

    /// <summary>Report positions (a device only for the units it is bound to).</summary>
    public const string Report = "report";

    /// <summary>The roles that hold each right.</summary>
    public static FrozenDictionary<string, FrozenSet<AccessRole>> Holders { get; } = new Dictionary<string, FrozenSet<AccessRole>>
    {
        [ManageAccess] = Of(AccessRole.Admin),
        [Command] = Of(AccessRole.Admin, AccessRole.Commander),
        [ControlDrills] = Of(AccessRole.Admin, AccessRole.Controller),
        [Watch] = Of(AccessRole.Admin, AccessRole.Commander, AccessRole.Controller, AccessRole.Evaluator, AccessRole.Observer),
        [WatchReplays] = Of(AccessRole.Admin, AccessRole.Controller, AccessRole.Evaluator),
        [OpenReplays] = Of(AccessRole.Admin, AccessRole.Evaluator),
        [DriveAnyReplay] = Of(AccessRole.Admin),
        [Export] = Of(AccessRole.Admin, AccessRole.Evaluator),
        [ReadNotes] = Of(AccessRole.Admin, AccessRole.Controller, AccessRole.Evaluator),
        [WriteNotes] = Of(AccessRole.Admin, AccessRole.Evaluator),
        [AmendAnyNote] = Of(AccessRole.Admin),
        [Report] = Of(AccessRole.Admin, AccessRole.Device),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every right, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [ManageAccess, Command, ControlDrills, Watch, WatchReplays, OpenReplays, DriveAnyReplay, Export, ReadNotes, WriteNotes, AmendAnyNote, Report];

    public static bool Grants(ClaimsPrincipal caller, string right) =>
        Holders.TryGetValue(right, out var holders) && AccessClaims.Roles(caller).Any(holders.Contains);

    /// <summary>The rights the caller holds, for the page to show only what it may use.</summary>
    public static IReadOnlyList<string> Of(ClaimsPrincipal caller) => [.. All.Where(r => Grants(caller, r))];

    /// <summary>"commander or admin": who holds a right, in words, for a refusal.</summary>
    public static string HoldersText(string right) =>
        Holders.TryGetValue(right, out var holders) ? string.Join(" or ", holders.Order().Select(AccessRoles.Name)) : "nobody";

    private static FrozenSet<AccessRole> Of(params AccessRole[] roles) => roles.ToFrozenSet();
}
