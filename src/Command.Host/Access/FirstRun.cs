using Command.Grains.Access;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Command.Host.Access;

/// <summary>
/// On a fresh start with nobody in the access book, one host (the grain decides which, when several start at once)
/// creates the admin <see cref="AdminName"/> and prints a one-time sign-in link on the console, as Jupyter does: it
/// signs in once, within <see cref="AccessOptions.FirstRunLinkLifetime"/>. Until someone has set a password, every start
/// prints a new one in its place: a newcomer who signed in with the link and chose "Later", or let it run out, was
/// otherwise shut out for good. The link goes to the console only, not to the log files, and the book keeps only its hash.
/// </summary>
public sealed partial class FirstRun(
    IGrainFactory grains, AccessBookCopy book, AccessOptions options, FirstRunConsole console, IServer server, IHostApplicationLifetime lifetime,
    [FromKeyedServices(AccessClock.Key)] TimeProvider clock, ILogger<FirstRun> logger) : BackgroundService
{
    public const string AdminName = "admin";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The link names the address the server bound, known once it has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        if (book.Book.People.Any(p => p.HasPassword))
        {
            console.PrintedNone();
            return;
        }

        var code = AccessNames.Secret();
        var expires = clock.GetUtcNow() + options.FirstRunLinkLifetime;
        var admin = new Person(AdminName, [Grains.Access.AccessRole.Admin], null, 0, clock.GetUtcNow(), "first run");
        if (!await grains.GetGrain<IAccessGrain>(IAccessGrain.Key).OpenFirstRun(admin, TokenFormat.Hash(code), expires))
        {
            console.PrintedNone();
            return;
        }

        await book.RefreshAsync();
        var link = $"{BaseAddress()}{RefusalAnswers.SignInPage}#link={code}";
        await console.PrintAsync(
            $"""

            Nobody can sign in with a password yet. Open this link to sign in once as '{AdminName}', then set a password and add people:

                {link}

            It works once, until {expires.UtcDateTime:HH:mm:ss} UTC. Until a password is set, each start prints a new one.

            """);
        LogFirstRun(logger, AdminName, expires);
    }

    private string BaseAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000";
        return address.Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal).Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal).TrimEnd('/');
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nobody can sign in with a password: printed a one-time sign-in link for the admin '{AdminName}' on the console, valid until {Expires:O}")]
    private static partial void LogFirstRun(ILogger logger, string adminName, DateTimeOffset expires);
}

/// <summary>Where the first run's link is printed: the console (a test reads it from its own writer).</summary>
public sealed class FirstRunConsole
{
    private readonly TaskCompletionSource printed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> decided = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TextWriter Out { get; init; } = Console.Out;

    /// <summary>Completes once the link has been printed.</summary>
    public Task Printed => printed.Task;

    /// <summary>Completes once the host has started and printed a link (true) or found none to print (false).</summary>
    public Task<bool> Decided => decided.Task;

    public async Task PrintAsync(string text)
    {
        await Out.WriteLineAsync(text);
        await Out.FlushAsync();
        printed.TrySetResult();
        decided.TrySetResult(true);
    }

    /// <summary>The host started with someone able to sign in, or another host printed the link.</summary>
    public void PrintedNone() => decided.TrySetResult(false);
}
