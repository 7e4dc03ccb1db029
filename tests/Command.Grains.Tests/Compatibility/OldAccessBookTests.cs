using System.Collections.Immutable;
using Command.Grains.Access;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Command.Grains.Tests.Compatibility;

/// <summary>
/// A book answered by a host of the version before sessions were kept across an own password change, read by a host of
/// this one during a rolling upgrade: it has everything it had, and no kept session rather than one that throws.
/// </summary>
public sealed class OldAccessBookTests
{
    [Fact]
    public void A_book_from_the_version_before_kept_sessions_reads_whole()
    {
        using var services = new ServiceCollection()
            .AddSerializer(s => s.AddAssembly(typeof(AccessBook).Assembly).AddAssembly(typeof(OldAccessBookTests).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var ended = new EndedSession("s-1", DateTimeOffset.UnixEpoch.AddDays(1));
        var old = new AccessBookBeforeKeptSessions(7, [], [], [], [ended]);

        var read = serializer.Deserialize<AccessBook>(serializer.SerializeToArray(old))!;

        Assert.True(read.KeptSessions.IsDefault);
        var whole = read.Whole();
        Assert.Empty(whole.KeptSessions);
        Assert.Equal((7L, ended), (whole.Version, Assert.Single(whole.EndedSessions)));
    }

    [Fact]
    public void A_whole_book_is_left_as_it_is()
    {
        var book = AccessBook.Empty with { Version = 3 };

        Assert.Same(book, book.Whole());
    }
}

/// <summary><see cref="AccessBook"/> as the version before kept sessions had it, field for field.</summary>
[GenerateSerializer, Immutable]
public sealed record AccessBookBeforeKeptSessions(
    long Version, ImmutableArray<PersonEntry> People, ImmutableArray<MachineToken> Tokens, ImmutableArray<DeviceCredential> Devices,
    ImmutableArray<EndedSession> EndedSessions);
