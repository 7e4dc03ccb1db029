using Command.Host.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Command.Host.Tests.Hosting;

/// <summary>A start refused for its configuration is said in one line naming the setting, the value and what it takes.</summary>
public sealed class StartRefusalTests
{
    [Fact]
    public void The_hosts_own_refusal_is_said_as_it_is()
    {
        var refused = new InvalidOperationException("This host cannot start: Recording:Provder is not a recording setting (did you mean Provider?).");

        Assert.Equal("This host cannot start: Recording:Provder is not a recording setting (did you mean Provider?).", StartRefusal.Reason(refused));
    }

    [Fact]
    public void A_refusal_that_does_not_say_the_host_cannot_start_is_prefixed_with_it()
    {
        var refused = new OptionsValidationException("Ingest:Cot:Tcp", typeof(object), ["Ingest:Cot:Tcp:Port must be 0-65535, not 70000"]);

        Assert.Equal("This host cannot start: Ingest:Cot:Tcp:Port must be 0-65535, not 70000", StartRefusal.Reason(refused));
    }

    [Theory]
    [InlineData("Demo:Speed", "fast", typeof(double), "This host cannot start: Demo:Speed is 'fast', which is not a number.")]
    [InlineData("Incidents:IdleAfter", "15min", typeof(TimeSpan),
        "This host cannot start: Incidents:IdleAfter is '15min', which is not a time written hh:mm:ss (00:15:00 for 15 minutes, 1.00:00:00 for a day).")]
    [InlineData("Recording:Provider", "Blobb", typeof(Command.Recording.Hosting.RecordingProvider), "This host cannot start: Recording:Provider is 'Blobb', which is not one of Disk, Blob.")]
    public void A_value_the_binder_cannot_read_is_said_with_its_setting_and_the_kind_it_takes(string key, string value, Type type, string expected)
    {
        var unreadable = Binding(key, value, type);

        Assert.Equal(expected, StartRefusal.Reason(unreadable));
    }

    [Fact]
    public void A_fault_is_no_refusal_and_keeps_its_stack()
    {
        Assert.Null(StartRefusal.Reason(new IOException("disk failed")));
    }

    // What the configuration binder throws for it, read by the binder itself.
    private static Exception Binding(string key, string value, Type type)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        return Assert.Throws<InvalidOperationException>(object? () => configuration.GetValue(type, key));
    }
}
