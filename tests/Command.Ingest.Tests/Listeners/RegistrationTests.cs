using Command.Domain.Validation;
using Command.Ingest.Cot;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;
using Command.Ingest.Nmea;
using Command.Ingest.OsmAnd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Command.Ingest.Tests.Listeners;

public sealed class RegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IIncidentPort>(new FakeIncidentPort())
            .AddCommandIngest(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

    [Fact]
    public void Defaults_hold_when_nothing_is_configured()
    {
        using var services = Build([]);
        Assert.Equal(("demo", UnknownUnitPolicy.IncidentDefault), (services.GetRequiredService<IngestOptions>().Incident, services.GetRequiredService<IngestOptions>().UnknownUnits));
        Assert.Equal(65536, services.GetRequiredService<CotOptions>().MaxEventChars);
        Assert.Equal(5055, services.GetRequiredService<OsmAndOptions>().Port);
        Assert.Equal(ValidationOptions.Default, services.GetRequiredService<ValidationOptions>());
        Assert.All(services.GetServices<IHostedService>().OfType<TcpIngestListener>(), l => Assert.Null(l.BoundPort));
    }

    [Fact]
    public void Listeners_bind_loopback_unless_told_otherwise()
    {
        Assert.Equal("127.0.0.1", new TcpListenerOptions().BindAddress);
        Assert.Equal("127.0.0.1", new UdpListenerOptions().BindAddress);
    }

    [Fact]
    public void Sections_bind_onto_the_options()
    {
        using var services = Build(new()
        {
            ["Ingest:Incident"] = "exercise-9",
            ["Ingest:UnknownUnits"] = "Refuse",
            ["Ingest:Validation:MaxAccuracyM"] = "50",
            ["Ingest:Validation:MaxAge"] = "00:01:00",
            ["Ingest:Cot:MaxEventChars"] = "4096",
            ["Ingest:Cot:ThreatPerUid"] = "true",
            ["Ingest:Nmea:RequireChecksum"] = "false",
            ["Ingest:OsmAnd:Port"] = "6055",
        });
        Assert.Equal(("exercise-9", UnknownUnitPolicy.Refuse), (services.GetRequiredService<IngestOptions>().Incident, services.GetRequiredService<IngestOptions>().UnknownUnits));
        Assert.Equal(ValidationOptions.Default with { MaxAccuracyM = 50, MaxAge = TimeSpan.FromMinutes(1) }, services.GetRequiredService<ValidationOptions>());
        Assert.Equal(CotOptions.Default with { MaxEventChars = 4096, ThreatPerUid = true }, services.GetRequiredService<CotOptions>());
        Assert.False(services.GetRequiredService<NmeaOptions>().RequireChecksum);
        Assert.Equal(6055, services.GetRequiredService<OsmAndOptions>().Port);
    }

    [Fact]
    public void Every_listener_is_registered_and_tls_is_off_until_configured()
    {
        using var services = Build([]);
        var listeners = services.GetServices<IHostedService>().Where(s => s is TcpIngestListener or CotUdpListener).Select(s => s.GetType().Name);
        Assert.Equal(["CotUdpListener", "CotUdpListener", "CotTcpListener", "CotTlsListener", "NmeaTcpListener", "AprsTcpListener"], listeners);
    }

    [Fact]
    public void New_listener_limits_document_their_defaults()
    {
        var tcp = new TcpListenerOptions();
        var tls = new TlsListenerOptions();
        Assert.Equal((0, 4096, 64, 8, TimeSpan.FromMinutes(2)), (tcp.Allow.Length, tcp.MaxSenders, tcp.MaxConnections, tcp.MaxConnectionsPerAddress, tcp.IdleTimeout));
        Assert.Equal((false, 8089, 65536, TimeSpan.FromSeconds(10), 0), (tls.Enabled, tls.Port, tls.MaxFrameBytes, tls.HandshakeTimeout, tls.Units.Count));
    }

    [Fact]
    public void An_allow_list_entry_that_is_no_address_stops_start_up_naming_its_key()
    {
        using var services = Build(new()
        {
            ["Ingest:Nmea:Tcp:Allow:0:Address"] = "10.0.0.0/8",
            ["Ingest:Nmea:Tcp:Allow:1:Address"] = "10.0.0.0/33",
            ["Ingest:Nmea:Tcp:Allow:1:RateBurst"] = "0",
            ["Ingest:Nmea:Tcp:Allow:2:Address"] = "radio.local",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetServices<IHostedService>().ToList());

        Assert.Equal(
        [
            "Ingest:Nmea:Tcp:Allow:1:Address '10.0.0.0/33' is not a CIDR range (a base address with no bits set past the prefix, and a prefix length).",
            "Ingest:Nmea:Tcp:Allow:1:RateBurst 0 must be at least 1.",
            "Ingest:Nmea:Tcp:Allow:2:Address 'radio.local' is not an address or a CIDR range.",
        ], refused.Failures);
    }

    [Fact]
    public void A_multicast_group_joined_on_no_interface_of_its_family_stops_start_up_naming_the_keys()
    {
        using var services = Build(new()
        {
            ["Ingest:Cot:Multicast:Enabled"] = "true",
            ["Ingest:Cot:Multicast:BindAddress"] = "::1",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetServices<IHostedService>().ToList());

        Assert.Equal(
            "Ingest:Cot:Multicast:BindAddress '::1' is the interface the IPv4 group 239.2.3.1 is joined on: it must be an IPv4 address (0.0.0.0 for the system's choice).",
            Assert.Single(refused.Failures));
    }

    [Fact]
    public void Tls_without_its_certificates_stops_start_up_naming_the_keys()
    {
        using var services = Build(new() { ["Ingest:Cot:Tls:Enabled"] = "true", ["Ingest:Cot:Tls:ClientCaPath"] = "/nowhere/ca.pem" });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetServices<IHostedService>().ToList());

        Assert.Equal(2, refused.Failures.Count());
        Assert.Equal("Ingest:Cot:Tls:CertificatePath is required when CoT over TLS is enabled.", refused.Failures.First());
        Assert.StartsWith("Ingest:Cot:Tls:ClientCaPath '/nowhere/ca.pem' could not be read: ", refused.Failures.Last(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ingest:Cot:Udp:Alow:0:Address", "Ingest:Cot:Udp:Alow is not a setting of this listener (did you mean Allow?); they are Enabled, BindAddress, ")]
    [InlineData("Ingest:Nmea:Tcp:Allow:0:Adress", "Ingest:Nmea:Tcp:Allow:0:Adress is not a setting of this listener (did you mean Address?); they are Address, ")]
    [InlineData("Ingest:Cot:TakServer:HostileMarker", "Ingest:Cot:TakServer:HostileMarker is not a setting of the TAK Server client (did you mean HostileMarkers?); they are Enabled, Host, Port, ")]
    [InlineData("Ingest:Aprs:AprsIs:Filtre", "Ingest:Aprs:AprsIs:Filtre is not a setting of the APRS-IS client (did you mean Filter?); they are Enabled, Host, Port, ")]
    [InlineData("Ingest:Aprs:Kiss:Prot", "Ingest:Aprs:Kiss:Prot is not a setting of the KISS TNC client (did you mean Port?); they are Enabled, Host, Port, ")]
    public void A_misspelt_listener_setting_stops_start_up_naming_it_and_the_setting_meant(string key, string expected)
    {
        using var services = Build(new() { [key] = "10.0.0.0/8" });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetServices<IHostedService>().ToList());

        Assert.StartsWith(expected, Assert.Single(refused.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_listener_setting_as_documented_is_known()
    {
        using var services = Build(new()
        {
            ["Ingest:Cot:Udp:Allow:0:Address"] = "10.0.0.0/8",
            ["Ingest:Cot:Udp:Allow:0:RatePerSecond"] = "5",
            ["Ingest:Cot:Udp:Allow:0:HostileMarkers"] = "true",
            ["Ingest:Cot:Multicast:MulticastGroup"] = "239.2.3.1",
            ["Ingest:Cot:Tcp:MaxConnectionsPerAddress"] = "4",
            ["Ingest:Cot:Tcp:IdleTimeout"] = "00:01:00",
            ["Ingest:Cot:Tls:Units:radio-7"] = "E7",
            ["Ingest:Cot:Tls:HandshakeTimeout"] = "00:00:05",
            ["Ingest:Nmea:Tcp:UnitId"] = "E3",
            ["Ingest:Nmea:Tcp:Callsign"] = "Engine 3",
            ["Ingest:Aprs:Tcp:maxsenders"] = "100",
            ["Ingest:Aprs:Kiss:Host"] = "tnc.local",
            ["Ingest:Aprs:Kiss:RadioPort"] = "1",
            ["Ingest:Aprs:Kiss:MostReconnectAfter"] = "00:05:00",
            ["Ingest:Aprs:AprsIs:Login"] = "KD0ABC",
            ["Ingest:Aprs:AprsIs:Filter"] = "r/39.74/-104.99/20",
            ["Ingest:Aprs:AprsIs:SilenceTimeout"] = "00:05:00",
            ["Ingest:Cot:TakServer:Host"] = "tak.example.org",
            ["Ingest:Cot:TakServer:ServerName"] = "takserver",
            ["Ingest:Cot:TakServer:HostileMarkers"] = "true",
            ["Ingest:Cot:TakServer:PingEvery"] = "00:00:30",
        });

        Assert.NotEmpty(services.GetServices<IHostedService>());
    }

    [Fact]
    public void A_kiss_tnc_setting_that_could_not_work_stops_start_up_naming_its_key()
    {
        using var services = Build(new()
        {
            ["Ingest:Aprs:Kiss:Host"] = " ",
            ["Ingest:Aprs:Kiss:Port"] = "0",
            ["Ingest:Aprs:Kiss:RadioPort"] = "16",
            ["Ingest:Aprs:Kiss:MaxFrameBytes"] = "10",
            ["Ingest:Aprs:Kiss:ReconnectAfter"] = "00:02:00",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetServices<IHostedService>().ToList());

        Assert.Equal(
        [
            "Ingest:Aprs:Kiss:Host is empty: the TNC's host name or address.",
            "Ingest:Aprs:Kiss:Port 0 is not 1 to 65535.",
            "Ingest:Aprs:Kiss:ReconnectAfter 00:02:00 must be positive and no longer than MostReconnectAfter (00:01:00).",
            "Ingest:Aprs:Kiss:RadioPort 16 is not a KISS port, 0 to 15.",
            "Ingest:Aprs:Kiss:MaxFrameBytes 10 is not 64 to 65536.",
        ], refused.Failures);
    }

    [Fact]
    public void An_aprs_is_client_turned_on_without_a_callsign_or_filter_that_could_work_stops_start_up_naming_its_key()
    {
        using var services = Build(new()
        {
            ["Ingest:Aprs:AprsIs:Enabled"] = "true",
            ["Ingest:Aprs:AprsIs:Login"] = "N0CALL filter r/0/0/20000",
            ["Ingest:Aprs:AprsIs:MaxLineBytes"] = "64",
            ["Ingest:Aprs:AprsIs:SilenceTimeout"] = "00:00:10",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetServices<IHostedService>().ToList());

        Assert.Equal(
        [
            "Ingest:Aprs:AprsIs:Login 'N0CALL filter r/0/0/20000' is not a callsign (letters and digits, up to 9, and an SSID such as -9).",
            "Ingest:Aprs:AprsIs:Filter is required: the filter port sends only what a filter asks for, such as b/K1ABC-9/N0CALL* (those stations) or r/39.74/-104.99/20 (20 km round a point).",
            "Ingest:Aprs:AprsIs:MaxLineBytes 64 is not 128 to 65536.",
            "Ingest:Aprs:AprsIs:SilenceTimeout 00:00:10 is under 30 s: a server sends its keepalive only every 20 s.",
        ], refused.Failures);
    }

    [Fact]
    public void An_aprs_is_filter_on_more_than_one_line_stops_start_up()
    {
        using var services = Build(new()
        {
            ["Ingest:Aprs:AprsIs:Enabled"] = "true",
            ["Ingest:Aprs:AprsIs:Login"] = "N0CALL",
            ["Ingest:Aprs:AprsIs:Filter"] = "b/K1ABC-9\r\nuser EVIL pass 12345",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetServices<IHostedService>().ToList());

        Assert.Equal(["Ingest:Aprs:AprsIs:Filter must be printable ASCII on one line, up to 400 characters."], refused.Failures);
    }

    [Fact]
    public void A_tak_server_reached_over_tls_without_certificates_that_can_be_read_stops_start_up_naming_each_key()
    {
        using var services = Build(new()
        {
            ["Ingest:Cot:TakServer:Enabled"] = "true",
            ["Ingest:Cot:TakServer:TrustPath"] = "/nowhere/truststore-root.p12",
            ["Ingest:Cot:TakServer:PingEvery"] = "00:02:00",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetServices<IHostedService>().ToList());

        Assert.Equal(["Ingest:Cot:TakServer:PingEvery 00:02:00 must be at least 1 s and shorter than SilenceTimeout (00:01:00)."], refused.Failures);

        using var unreadable = Build(new()
        {
            ["Ingest:Cot:TakServer:Enabled"] = "true",
            ["Ingest:Cot:TakServer:TrustPath"] = "/nowhere/truststore-root.p12",
        });
        refused = Assert.Throws<OptionsValidationException>(() => unreadable.GetServices<IHostedService>().ToList());

        Assert.Equal("Ingest:Cot:TakServer:CertificatePath is required when the TAK Server is reached over TLS.", refused.Failures.First());
        Assert.StartsWith("Ingest:Cot:TakServer:TrustPath '/nowhere/truststore-root.p12' could not be read: ", refused.Failures.Last(), StringComparison.Ordinal);
        Assert.Equal(2, refused.Failures.Count());
    }
}
