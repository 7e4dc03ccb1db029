namespace Command.Host.Access;

/// <summary>Sign-in, sessions, tokens and the first run (configuration section <c>Auth</c>). Validated at start-up.</summary>
public sealed class AccessOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// An admin bearer token for automation (CI, the load tool, scripts, a cluster's first admin): at least 32
    /// characters. Default none. Set it through the environment (<c>Auth__BootstrapToken</c>) or a secret, never the
    /// command line, which other local users can read; it is never logged.
    /// </summary>
    public string? BootstrapToken { get; set; }

    /// <summary>How long a sign-in lasts without use; each use renews it. Default 12 hours (a drill day).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a host reads the access book again for changes made on other hosts. Default 5 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the first run's one-time sign-in link works. Default 15 minutes.</summary>
    public TimeSpan FirstRunLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins from one address, within <see cref="SignInWindow"/>, that shut it out. Default 5.</summary>
    public int SignInMaxFailures { get; set; } = 5;

    /// <summary>How far back failed sign-ins count. Default 10 minutes.</summary>
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an address is shut out after too many failures, unless an admin lifts it. Default 5 minutes.</summary>
    public TimeSpan SignInLockOut { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A token's lifetime when its issuer names none. Default 90 days.</summary>
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The longest lifetime a token may be issued with. Default 366 days.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(366);

    /// <summary>Shortest bootstrap token accepted, characters.</summary>
    public const int MinBootstrapTokenLength = 32;

    /// <summary>Every problem with these options, in words; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BootstrapToken is { } token && token.Trim().Length < MinBootstrapTokenLength)
        {
            problems.Add($"Auth:BootstrapToken must be at least {MinBootstrapTokenLength} characters (it is {token.Trim().Length}); generate one, e.g. `openssl rand -base64 32`.");
        }

        Positive(problems, nameof(SessionLifetime), SessionLifetime);
        Positive(problems, nameof(RefreshInterval), RefreshInterval);
        Positive(problems, nameof(FirstRunLinkLifetime), FirstRunLinkLifetime);
        Positive(problems, nameof(SignInWindow), SignInWindow);
        Positive(problems, nameof(SignInLockOut), SignInLockOut);
        Positive(problems, nameof(DefaultTokenLifetime), DefaultTokenLifetime);
        if (SignInMaxFailures < 1)
        {
            problems.Add($"Auth:SignInMaxFailures must be at least 1, not {SignInMaxFailures}.");
        }

        if (DefaultTokenLifetime > MaxTokenLifetime)
        {
            problems.Add($"Auth:DefaultTokenLifetime ({DefaultTokenLifetime}) is longer than Auth:MaxTokenLifetime ({MaxTokenLifetime}).");
        }

        return problems;
    }

    private static void Positive(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"Auth:{name} must be longer than zero, not {value}.");
        }
    }
}
