using System.Text;

namespace Command.Domain.Validation;

/// <summary>Machine-readable names of reject reasons: kebab case, stable across versions.</summary>
public static class RejectReasons
{
    private static readonly Dictionary<RejectReason, string> Names =
        Enum.GetValues<RejectReason>().ToDictionary(r => r, ToKebab);

    public static string Name(RejectReason reason) => Names[reason];

    private static string ToKebab(RejectReason reason)
    {
        var text = reason.ToString();
        var sb = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(text[i]));
        }

        return sb.ToString();
    }
}
