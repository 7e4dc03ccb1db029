using Command.Host.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Support;

/// <summary>
/// The real host with the access clock under the test's control (tokens expire, lock-outs run out, open connections
/// are checked, all without waiting) and the first run's console captured.
/// </summary>
public class AccessHost : CommandHost
{
    public AccessHost() : this(new Dictionary<string, string?>())
    {
    }

    internal AccessHost(IDictionary<string, string?> settings)
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero)), new StringWriter(), settings)
    {
    }

    /// <summary>The access clock set going from <paramref name="start"/>: a browser drops a cookie that expired by its own clock.</summary>
    protected AccessHost(DateTimeOffset start)
        : this(new FakeTimeProvider(start), new StringWriter(), new Dictionary<string, string?>())
    {
    }

    private AccessHost(FakeTimeProvider clock, StringWriter console, IDictionary<string, string?> settings)
        : this(clock, console, new FirstRunConsole { Out = console }, settings)
    {
    }

    private AccessHost(FakeTimeProvider clock, StringWriter console, FirstRunConsole firstRun, IDictionary<string, string?> settings)
        : base(settings, s => s.AddKeyedSingleton<TimeProvider>(AccessClock.Key, clock).AddSingleton(firstRun)) =>
        (Clock, Console, FirstRun) = (clock, console, firstRun);

    public FakeTimeProvider Clock { get; }

    /// <summary>What the host printed on its console for the first run.</summary>
    public StringWriter Console { get; }

    public FirstRunConsole FirstRun { get; }

    /// <summary>The one-time link's code, once the host has printed it.</summary>
    public async Task<string> FirstRunCodeAsync()
    {
        await FirstRun.Printed.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var text = Console.ToString();
        var at = text.IndexOf("#link=", StringComparison.Ordinal);
        Assert.True(at >= 0, $"the console shows no one-time link: {text}");
        return text[(at + "#link=".Length)..].Split((char[])['\n', '\r', ' '], 2)[0];
    }
}
