using Command.Simulator.Api;

namespace Command.Simulator.Play;

/// <summary>
/// The rights playing a drill over the API needs, each with who holds it, asked of the host before anything is created
/// or enrolled. Playing with a commander's and controller's token created the incident and enrolled every unit, then
/// failed at its first report batch, leaving the incident open holding the units.
/// </summary>
internal static class PlayRights
{
    /// <summary>Each right, the roles that hold it (as the host's table has them), and what the simulator does with it.</summary>
    public static readonly (string Right, string Holders, string Use)[] Needed =
    [
        ("command", "admin or commander", "to open the incident, place the threat and enrol and reassign its units"),
        ("report", "admin or device", "to send its units' positions"),
        ("control-drills", "admin or controller", "to record the scenario played and say when the drill starts over and how fast it plays"),
    ];

    /// <summary>Throws, naming each right the token lacks and who holds it, unless it holds them all.</summary>
    public static async Task CheckAsync(CommandApiClient api, CancellationToken cancellationToken)
    {
        var (name, rights) = await api.WhoAmIAsync(cancellationToken);
        var missing = Needed.Where(n => !rights.Contains(n.Right)).Select(n => $"the '{n.Right}' right ({n.Holders} holds it), {n.Use}").ToList();
        if (missing.Count > 0)
        {
            throw new MissingRightsException(
                $"{name} may not play a drill: it lacks {string.Join("; and ", missing)}. Nothing was created or enrolled. "
                + "A device token holds the device role alone, so only an admin's token holds every right playing needs.");
        }
    }
}

/// <summary>The token lacks a right playing needs; nothing was sent but the question.</summary>
internal sealed class MissingRightsException(string message) : Exception(message);
