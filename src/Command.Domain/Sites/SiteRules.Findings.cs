using Command.Domain.Validation;

namespace Command.Domain.Sites;

public static partial class SiteRules
{
    /// <summary>The findings of one check, listed up to <see cref="MaxFindings"/>, and whether a point went unread.</summary>
    private sealed class Findings
    {
        private readonly List<SiteFinding> list = [];

        public IReadOnlyList<SiteFinding> List => list;

        /// <summary>A point the reader could not read (and has reported): no site is built from the draft.</summary>
        public bool Unread { get; set; }

        /// <summary>Nothing found and nothing unread: the site can be built.</summary>
        public bool Clean => list.Count == 0 && !Unread;

        public void Add(string path, RejectReason reason, string message)
        {
            if (list.Count < MaxFindings)
            {
                list.Add(new SiteFinding(path, reason, message));
            }
            else if (list.Count == MaxFindings)
            {
                list.Add(new SiteFinding("", RejectReason.InvalidValue, $"more than {MaxFindings} problems; only the first {MaxFindings} are listed"));
            }
        }
    }
}
