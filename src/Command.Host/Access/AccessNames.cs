using System.Buffers.Text;
using System.Security.Cryptography;
using Command.Grains.Access;
using Command.Host.Api;

namespace Command.Host.Access;

/// <summary>The shapes of user names, passwords, token and device names, and role lists; and random secrets.</summary>
public static class AccessNames
{
    /// <summary>Shortest password accepted. 10 characters.</summary>
    public const int MinPassword = 10;

    /// <summary>Longest password accepted. 256 characters.</summary>
    public const int MaxPassword = 256;

    /// <summary>
    /// A user name is what the recording names as the actor: 1-64 letters, digits, spaces, '.', '-', '_' or '@',
    /// not starting or ending with a space. A colon is never in one, so no person can pass for <c>token:…</c>. Its
    /// letters are plain ones, not the variants Unicode keeps for older character sets (<see cref="IsCompatibilityForm"/>),
    /// which read as the plain letter and so as someone else's name.
    /// </summary>
    public static string? UserNameProblem(string? name) =>
        name is null || name.Length is 0 or > 64 || name.Trim() != name || !name.All(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '@')
            ? "a user name is 1-64 letters, digits, spaces, '.', '-', '_' or '@', not starting or ending with a space"
        : name.Any(IsCompatibilityForm)
            ? "a user name is written in plain letters: no fullwidth or halfwidth forms, ligatures, superscripts, small capitals or letterlike symbols"
        : NotPeople.FirstOrDefault(n => PersonName.Same(n, name)) is { } taken
            ? $"'{name}' reads as '{taken}', the name the recording and the log give what is not a person; a person called so would read as it"
            : null;

    /// <summary>Who the audit says called without a credential.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>
    /// The names the recording and the log give what is not a person, with no colon to tell them from one: the drill that
    /// plays a scenario, the host that starts the demo, a source that names no sender, a CoT deletion, a caller without a
    /// credential. A commander called "drill" had their phase change recorded as the drill's own.
    /// </summary>
    public static IReadOnlyList<string> NotPeople { get; } =
        [Drills.IncidentDrillSink.Actor, Drills.DemoDrill.StartedBy, Command.Ingest.Listeners.IngestPump.UnnamedActor, Command.Ingest.Listeners.IngestPump.CotActor, Anonymous];

    /// <summary>
    /// A superscript modifier letter (ʰ, ˡ), or a letter from the blocks of phonetic small capitals, superscripts and
    /// subscripts, letterlike symbols (ℓ, the Kelvin K), ligatures and presentation forms, and fullwidth and halfwidth
    /// forms: each a variant of a plain letter that Unicode's compatibility fold would turn into it, and that nobody types
    /// for their own name. The other modifier letters stay allowed: the Hawaiian ʻokina is one, as in Kaʻiulani.
    /// </summary>
    public static bool IsCompatibilityForm(char c) =>
        c is (>= '\u02B0' and <= '\u02B8') or (>= '\u02E0' and <= '\u02E4') or (>= '\u1D00' and <= '\u1DBF') or (>= '\u2070' and <= '\u209F') or (>= '\u2100' and <= '\u214F')
            or (>= '\uFB00' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF') or (>= '\uFF00' and <= '\uFFEF');

    public static string? PasswordProblem(string? password) =>
        password is null || password.Length is < MinPassword or > MaxPassword ? $"a password is {MinPassword}-{MaxPassword} characters"
        : string.IsNullOrWhiteSpace(password) ? "a password of spaces alone is no password"
        : password.Any(char.IsControl) ? "a password holds no control characters (a line break, a tab, a NUL), which no sign-in page could type back"
        : null;

    /// <summary>Token and device names share the API's id shape: 1-64 letters, digits, '-', '_' or '.'.</summary>
    public static string? CredentialNameProblem(string? name) =>
        SiteMapping.IsValidId(name) ? null : "a name is 1-64 letters, digits, '-', '_' or '.'";

    /// <summary>Reads role names, adding a field error for each unknown or repeated one.</summary>
    public static List<AccessRole> Roles(IReadOnlyList<string>? names, string field, List<FieldError> errors)
    {
        var roles = new List<AccessRole>();
        if (names is null || names.Count == 0)
        {
            errors.Add(new FieldError(field, "missing-field", $"at least one role of {string.Join(", ", AccessRoles.Names)}"));
            return roles;
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (!AccessRoles.TryParse(names[i], out var role))
            {
                errors.Add(new FieldError($"{field}[{i}]", "invalid-value", $"'{names[i]}' is not one of {string.Join(", ", AccessRoles.Names)}"));
            }
            else if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    /// <summary>A random secret of <paramref name="bytes"/> bytes as URL-safe text.</summary>
    public static string Secret(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A short random id for tokens, devices and sessions.</summary>
    public static string Id() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
}
