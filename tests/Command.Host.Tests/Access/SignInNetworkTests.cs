using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// The sign-in throttle behind a proxy, where the address is the one the proxy forwards: an IPv6 address counts by its
/// /64, as a device on the network can take any address of it that it likes.
/// </summary>
public sealed class SignInNetworkTests(SignInNetworkTests.ProxiedHost host) : IClassFixture<SignInNetworkTests.ProxiedHost>
{
    /// <summary>A host behind a TLS proxy on loopback, which says whose request it forwards.</summary>
    public sealed class ProxiedHost() : AccessHost(new Dictionary<string, string?> { ["Http:BehindTlsProxy"] = "true" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Guesses_from_new_addresses_of_one_ipv6_network_are_counted_as_from_one_and_shut_it_out()
    {
        await host.Access.AddPersonAsync("Cmdr Vega", "commander");
        var failures = new List<HttpStatusCode>();
        for (var i = 1; i <= 5; i++)
        {
            using var wrong = await SignInFromAsync($"2001:db8:7:1::{i:x}", "Cmdr Vega", "not the password");
            failures.Add(wrong.StatusCode);
        }

        using var next = await SignInFromAsync("2001:db8:7:1:a:b:c:d", "Cmdr Vega", TestAccess.Password);
        var refusal = await next.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var elsewhere = await SignInFromAsync("2001:db8:7:2::1", "Cmdr Vega", TestAccess.Password);
        var lockouts = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/lockouts", Ct);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], failures);
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.StartsWith("too many failed sign-ins from 2001:db8:7:1::/64; try again after ", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        var lockout = Assert.Single(lockouts.EnumerateArray(), l => l.GetProperty("address").GetString()!.StartsWith("2001:db8:7:", StringComparison.Ordinal));
        Assert.Equal(("2001:db8:7:1::/64", 5), (lockout.GetProperty("address").GetString(), lockout.GetProperty("failures").GetInt32()));
    }

    [Theory]
    [InlineData("2001:db8:8:1::%2F64")]
    [InlineData("2001:db8:8:1::42")]
    public async Task An_admin_lifts_a_network_s_lock_out_by_it_as_listed_or_by_an_address_in_it(string named)
    {
        await host.Access.AddPersonAsync("Sgt Ochoa", "observer");
        for (var i = 1; i <= 5; i++)
        {
            using var _ = await SignInFromAsync($"2001:db8:8:1::{i:x}", "Sgt Ochoa", "not the password");
        }

        using var lifted = await host.Client.DeleteAsync($"/api/access/lockouts/{named}", Ct);
        using var after = await SignInFromAsync("2001:db8:8:1::7", "Sgt Ochoa", TestAccess.Password);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.OK), (lifted.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task An_ipv4_address_as_a_dual_stack_socket_names_it_counts_and_is_listed_as_itself()
    {
        await host.Access.AddPersonAsync("Dispatch Ito", "observer");
        for (var i = 0; i < 5; i++)
        {
            using var _ = await SignInFromAsync("::ffff:10.20.1.7", "Dispatch Ito", "not the password");
        }

        using var plain = await SignInFromAsync("10.20.1.7", "Dispatch Ito", TestAccess.Password);
        var lockouts = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/lockouts", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, plain.StatusCode);
        Assert.Contains("10.20.1.7", lockouts.EnumerateArray().Select(l => l.GetProperty("address").GetString()));
    }

    private async Task<HttpResponseMessage> SignInFromAsync(string address, string userName, string password)
    {
        using var client = host.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(request, Ct);
    }
}
