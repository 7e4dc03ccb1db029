using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Command.Domain.Text;
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
    /// A user name is what the recording names as the actor: 1-64 letters (with the accents and vowel signs written on
    /// them), digits, spaces, '.', '-', '_' or '@', not starting or ending with a space, counted as it is kept, composed
    /// (<see cref="PersonName.Written"/>). A colon is never in one, so no person can pass for <c>token:…</c>. Its
    /// letters are plain ones, not the variants Unicode keeps for older character sets (<see cref="IsCompatibilityForm"/>),
    /// which read as the plain letter and so as someone else's name; nor does it hold what draws nothing, or marks that
    /// stand on no letter, strike through one or pile up on one.
    /// </summary>
    public static string? UserNameProblem(string? name)
    {
        var written = name is null ? null : PersonName.Written(name);
        return written is null || written.Length is 0 or > 64 || written.Trim() != written || !written.All(c => char.IsLetterOrDigit(c) || IsMark(c) || c is ' ' or '.' or '-' or '_' or '@')
            ? "a user name is 1-64 letters (with their accents or vowel signs), digits, spaces, '.', '-', '_' or '@', not starting or ending with a space"
            : written.FirstOrDefault(PersonName.DrawsNothing) is not '\0' and var blank
            ? $"a user name holds nothing that draws nothing, as {Code(blank)} does: a name with it reads as the same name without it"
            : MarkProblem(written) is { } markProblem
            ? markProblem
            : written.Any(IsCompatibilityForm)
            ? "a user name is written in plain letters: no fullwidth or halfwidth forms, ligatures, superscripts, small capitals or letterlike symbols"
            : NotPeople.FirstOrDefault(n => PersonName.Same(n, written)) is { } taken
            ? $"'{written}' reads as '{taken}', the name the recording and the log give what is not a person; a person called so would read as it"
            : null;
    }

    /// <summary>Most marks written on one letter: a letter with its vowel sign, a second vowel sign and a tone, and one more. 4.</summary>
    public const int MaxMarksOnALetter = 4;

    /// <summary>
    /// What is wrong with the combining marks of a name: one on no letter (first, or after a digit, a space or a sign),
    /// one drawn through its letter (an <c>o</c> struck through reads as <c>ø</c> and is not it), or more than
    /// <see cref="MaxMarksOnALetter"/> piled on one letter, drawn over the letters about it.
    /// </summary>
    private static string? MarkProblem(string written)
    {
        var onLetter = 0;
        for (var i = 0; i < written.Length; i++)
        {
            var c = written[i];
            if (!IsMark(c))
            {
                onLetter = char.IsLetter(c) ? 0 : -1;
                continue;
            }

            if (onLetter < 0 || i == 0)
            {
                return $"a mark (an accent, a vowel sign) is written on a letter, and {Code(c)} {(i == 0 ? "begins the name" : $"follows '{written[i - 1]}'")}";
            }

            if (CanonicalComposition.CombiningClass(c) == 1)
            {
                return $"a user name holds no mark drawn through a letter, as {Code(c)} is: the letter it strikes reads as another that it is not";
            }

            if (++onLetter > MaxMarksOnALetter)
            {
                return $"a letter carries at most {MaxMarksOnALetter} marks (accents, vowel signs), and '{written[(i - onLetter)..(i + 1)]}' carries more";
            }
        }

        return null;
    }

    private static bool IsMark(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static string Code(char c) => $"U+{(int)c:X4}";

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
