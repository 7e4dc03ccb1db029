using System.Collections.Frozen;
using System.Security.Claims;
using Command.Host.Api;

namespace Command.Host.Paperwork;

/// <summary>
/// What the exercise paperwork needs a caller to hold, and the roles that hold it: the one place its endpoints and
/// the timeline ask. Evaluators, controllers and admins read and write evaluator notes, export the AAR/IP and the
/// ICS-214 logs and rate objectives; commanders and observers never see a note. Sending a unit in is a commander's
/// (or admin's) command; setting objectives is a controller's (or admin's).
/// </summary>
/// <remarks>
/// Roles are the caller's role claims. A caller with no authenticated identity is let through, as every other
/// endpoint of this host lets it through while the host has no sign-in; once it has, every caller is signed in and
/// this table decides.
/// </remarks>
public static class PaperworkRights
{
    public const string ReadNotes = "read-notes";
    public const string WriteNotes = "write-notes";
    public const string Export = "export";
    public const string SendInstead = "command";
    public const string SetExercise = "set-exercise";

    private static readonly FrozenDictionary<string, string[]> Holders = new Dictionary<string, string[]>
    {
        [ReadNotes] = ["admin", "controller", "evaluator"],
        [WriteNotes] = ["admin", "controller", "evaluator"],
        [Export] = ["admin", "controller", "evaluator"],
        [SendInstead] = ["admin", "commander"],
        [SetExercise] = ["admin", "controller"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool Grants(ClaimsPrincipal caller, string right) =>
        caller.Identity?.IsAuthenticated != true || Holders[right].Any(caller.IsInRole);

    /// <summary>Refuses the endpoint with 403 and the missing right to a caller who does not hold <paramref name="right"/>.</summary>
    public static TBuilder RequiresRight<TBuilder>(this TBuilder endpoint, string right)
        where TBuilder : IEndpointConventionBuilder => endpoint.AddEndpointFilter(async (context, next) =>
            Grants(context.HttpContext.User, right)
                ? await next(context)
                : Results.Json(new ApiError("missing-right", $"this needs the right '{right}', held by {string.Join(" or ", Holders[right])}"), statusCode: StatusCodes.Status403Forbidden));
}
