using Command.Domain.Validation;

namespace Command.Domain.Sites;

/// <summary>
/// One thing wrong with a site draft: where (a path from the site, such as <c>buildings[2].footprint[0]</c>; empty
/// for the site as a whole), the named reason, and a sentence a person fixing it can act on.
/// </summary>
public sealed record SiteFinding(string Path, RejectReason Reason, string Message)
{
    /// <summary>The reason's stable kebab-case code, as the API names it.</summary>
    public string Code => RejectReasons.Name(Reason);

    /// <summary>The path under a reader's own name for the site, such as <c>site</c> or <c>$.site</c>.</summary>
    public string PathUnder(string site) => Path.Length == 0 ? site : $"{site}.{Path}";
}
