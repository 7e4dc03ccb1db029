namespace Command.Host.Api;

/// <summary>Who made a command: the X-Actor header, so every action is recorded with a name.</summary>
public static class Actor
{
    public const string Header = "X-Actor";

    public static string Of(HttpRequest request)
    {
        var value = request.Headers[Header].ToString().Trim();
        return value.Length is > 0 and <= 80 ? value : "api";
    }
}
