using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>Signing in with a password, the throttle per source address and its lifting, and signing out.</summary>
public sealed class SignInTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_in_sets_an_http_only_strict_secure_session_cookie_that_says_who_is_signed_in()
    {
        await host.Access.AddPersonAsync("Cmdr Reyes", "commander");

        using var response = await host.Access.SignInResponseAsync("Cmdr Reyes", TestAccess.Password);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("command.session=", StringComparison.Ordinal));
        using var me = await SendAsync(host.Access.AsPage(HttpMethod.Get, "/api/auth/me", TestAccess.SessionCookie(response)));
        var caller = await me.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["httponly", "samesite=strict", "secure"], cookie.ToLowerInvariant().Split("; ").Where(p => p is "httponly" or "samesite=strict" or "secure").Order());
        Assert.Equal(("Cmdr Reyes", "person"), (caller.GetProperty("name").GetString(), caller.GetProperty("credential").GetString()));
        Assert.Equal(["command", "watch"], caller.GetProperty("rights").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("sgt mendez")]
    [InlineData("SGT MENDEZ")]
    public async Task Signing_in_finds_the_person_whatever_the_case_of_the_name_typed(string typed)
    {
        await ForgetFailuresAsync();
        await host.Access.AddPersonAsync("Sgt Mendez", "observer");

        using var response = await host.Access.SignInResponseAsync(typed, TestAccess.Password);
        var caller = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((HttpStatusCode.OK, "Sgt Mendez"), (response.StatusCode, caller.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Too_many_failures_shut_the_address_out_until_an_admin_lifts_it()
    {
        await ForgetFailuresAsync();
        await host.Access.AddPersonAsync("Dispatch Lee", "observer");
        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await host.Access.SignInResponseAsync("Dispatch Lee", "not the password");
            failures.Add(wrong.StatusCode);
        }

        using var locked = await host.Access.SignInResponseAsync("Dispatch Lee", TestAccess.Password);
        var lockedBody = await locked.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var lockouts = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/lockouts", Ct);
        using var lifted = await host.Client.DeleteAsync("/api/access/lockouts/127.0.0.1", Ct);
        using var after = await host.Access.SignInResponseAsync("Dispatch Lee", TestAccess.Password);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], failures);
        Assert.Equal((HttpStatusCode.TooManyRequests, "locked-out", "300"), (locked.StatusCode, lockedBody.GetProperty("reason").GetString(), locked.Headers.RetryAfter?.Delta?.TotalSeconds.ToString()));
        Assert.Equal(("127.0.0.1", 5), (lockouts[0].GetProperty("address").GetString(), lockouts[0].GetProperty("failures").GetInt32()));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.OK), (lifted.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task Guesses_sent_all_at_once_have_no_more_passwords_checked_than_the_limit()
    {
        await ForgetFailuresAsync();
        await host.Access.AddPersonAsync("Lt Okafor", "observer");

        var guesses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var guess = await host.Access.SignInResponseAsync("Lt Okafor", $"guess number {i}");
            return guess.StatusCode;
        }));
        var lockouts = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/lockouts", Ct);
        using var right = await host.Access.SignInResponseAsync("Lt Okafor", TestAccess.Password);

        Assert.Equal((4, 36), (guesses.Count(g => g == HttpStatusCode.Unauthorized), guesses.Count(g => g == HttpStatusCode.TooManyRequests)));
        Assert.Equal(5, lockouts[0].GetProperty("failures").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        await ForgetFailuresAsync();
    }

    [Fact]
    public async Task A_shift_signing_in_at_once_from_one_address_is_let_in_beyond_the_limit()
    {
        await ForgetFailuresAsync();
        var shift = Enumerable.Range(1, 8).Select(i => $"Tablet {i}").ToList();
        foreach (var name in shift)
        {
            await host.Access.AddPersonAsync(name, "observer");
        }

        var answers = await Task.WhenAll(shift.Select(async name =>
        {
            using var response = await host.Access.SignInResponseAsync(name, TestAccess.Password);
            return response.StatusCode;
        }));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 8), answers);
    }

    [Fact]
    public async Task Signing_in_as_ones_own_account_between_guesses_at_another_does_not_reset_the_count()
    {
        // An observer who knows their own password guesses the commander's, signing in as themselves after every four.
        await ForgetFailuresAsync();
        await host.Access.AddPersonAsync("cmdr", "commander");
        await host.Access.AddPersonAsync("obs2", "observer");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var guess = await host.Access.SignInResponseAsync("cmdr", $"guess number {i}");
            answers.Add(guess.StatusCode);
            if (i % 4 == 3)
            {
                using var own = await host.Access.SignInResponseAsync("obs2", TestAccess.Password);
                answers.Add(own.StatusCode);
            }
        }

        var lockouts = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/lockouts", Ct);
        await ForgetFailuresAsync();

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.OK, .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)], answers);
        Assert.Equal("127.0.0.1", Assert.Single(lockouts.EnumerateArray()).GetProperty("address").GetString());
    }

    [Fact]
    public async Task Someone_who_mistypes_and_then_signs_in_is_forgiven_their_mistypes()
    {
        await ForgetFailuresAsync();
        await host.Access.AddPersonAsync("Dispatch Ng", "observer");
        var answers = new List<HttpStatusCode>();
        foreach (var password in new[] { "not the password", "not the password", "not the password", "not the password", TestAccess.Password, "not the password", "not the password" })
        {
            using var response = await host.Access.SignInResponseAsync("Dispatch Ng", password);
            answers.Add(response.StatusCode);
        }

        await ForgetFailuresAsync();

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], answers);
    }

    [Fact]
    public async Task Guessing_the_current_password_to_change_it_is_throttled_as_signing_in_is()
    {
        // Someone holding a stolen session tries passwords where a new one is set: five wrong guesses shut the address out.
        await ForgetFailuresAsync();
        await host.Access.AddPersonAsync("Dispatch Kim", "observer");
        var cookie = await host.Access.SignInAsync("Dispatch Kim");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var guess = await SendAsync(host.Access.AsPage(HttpMethod.Put, "/api/auth/password", cookie, new { currentPassword = $"guess number {i}", newPassword = "a new password for kim" }));
            answers.Add(guess.StatusCode);
        }

        using var signIn = await host.Access.SignInResponseAsync("Dispatch Kim", TestAccess.Password);
        await ForgetFailuresAsync();

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
    }

    [Fact]
    public async Task A_lock_out_runs_out_by_itself()
    {
        await ForgetFailuresAsync();
        await host.Access.AddPersonAsync("Sgt Patel", "observer");
        for (var i = 0; i < 5; i++)
        {
            using var _ = await host.Access.SignInResponseAsync("Sgt Patel", "not the password");
        }

        using var locked = await host.Access.SignInResponseAsync("Sgt Patel", TestAccess.Password);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        using var after = await host.Access.SignInResponseAsync("Sgt Patel", TestAccess.Password);

        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.OK), (locked.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task A_wrong_name_and_a_wrong_password_are_refused_alike()
    {
        await ForgetFailuresAsync();
        await host.Access.AddPersonAsync("Lt Park", "observer");
        using var noSuchName = await host.Access.SignInResponseAsync("Nobody Here", TestAccess.Password);
        using var wrongPassword = await host.Access.SignInResponseAsync("Lt Park", "not the password");

        Assert.Equal(await noSuchName.Content.ReadAsStringAsync(Ct), await wrongPassword.Content.ReadAsStringAsync(Ct));
        Assert.Equal("""{"reason":"sign-in-failed","detail":"the user name or the password is wrong"}""", await wrongPassword.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_signed_out_session_is_refused_even_if_its_cookie_is_kept()
    {
        await host.Access.AddPersonAsync("Officer Diaz", "observer");
        var cookie = await host.Access.SignInAsync("Officer Diaz");

        using var signOut = await SendAsync(host.Access.AsPage(HttpMethod.Post, "/api/auth/sign-out", cookie, new { }));
        using var kept = await SendAsync(host.Access.AsPage(HttpMethod.Get, "/api/incidents", cookie));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Unauthorized), (signOut.StatusCode, kept.StatusCode));
        // Why, in words one can act on; the cookie handler alone says "No principal.".
        Assert.Equal("the credential was refused: the session was signed out; sign in again, or present a valid bearer token",
            (await kept.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_session_cookie_the_host_cannot_read_is_refused_in_words_one_can_act_on()
    {
        await host.Access.AddPersonAsync("Officer Tran", "observer");
        var cookie = await host.Access.SignInAsync("Officer Tran");
        // A cookie damaged on the way, or sealed with a key the cluster no longer holds: it no longer unseals.
        var middle = cookie.Length - 20;
        var damaged = cookie[..middle] + (cookie[middle] == 'A' ? 'B' : 'A') + cookie[(middle + 1)..];

        using var refused = await SendAsync(host.Access.AsPage(HttpMethod.Get, "/api/incidents", damaged));
        using var kept = await SendAsync(host.Access.AsPage(HttpMethod.Get, "/api/incidents", cookie));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (refused.StatusCode, kept.StatusCode));
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("unauthenticated", "the credential was refused: your sign-in is not one this cluster can read — it may be from before the cluster's keys changed; sign in again, or present a valid bearer token"),
            (body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_cookie_kept_by_someone_removed_is_refused_after_someone_of_that_name_is_added_again()
    {
        // Another admin who can sign in, so Lt Novak is not the last and may be removed.
        await host.Access.AddPersonAsync("Cpt Hale", "admin");
        await host.Access.AddPersonAsync("Lt Novak", "admin");
        var cookie = await host.Access.SignInAsync("Lt Novak");

        using var removed = await host.Client.DeleteAsync("/api/access/people/Lt%20Novak", Ct);
        await host.Access.AddPersonAsync("Lt Novak", "observer");
        using var kept = await SendAsync(host.Access.AsPage(HttpMethod.Get, "/api/access/people", cookie));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Unauthorized), (removed.StatusCode, kept.StatusCode));
    }

    [Fact]
    public async Task A_sign_in_as_no_name_anyone_could_have_is_logged_without_what_was_typed()
    {
        await ForgetFailuresAsync();
        var marker = $"forged-{Guid.NewGuid():N}";
        var forged = $"x\n[15:00:00 INF] Command.Host.Access.AccessAudit: admin signed in from 10.0.0.1 (password) {marker}";

        using var refused = await host.Access.SignInResponseAsync(forged, "not the password");
        using var huge = await host.Access.SignInResponseAsync(new string('A', 100_000) + marker, "not the password");
        var log = LogText();

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (refused.StatusCode, huge.StatusCode));
        Assert.DoesNotContain(marker, log, StringComparison.Ordinal);
        Assert.Contains($"\"UserName\":\"(not a user name: {forged.Length} characters)\"", log, StringComparison.Ordinal);
        Assert.Contains($"\"UserName\":\"(not a user name: {100_000 + marker.Length} characters)\"", log, StringComparison.Ordinal);
        await ForgetFailuresAsync();
    }

    [Fact]
    public async Task A_password_typed_into_the_name_box_is_not_logged_but_repeated_tries_of_one_name_read_as_such()
    {
        await ForgetFailuresAsync();
        await host.Access.AddPersonAsync("Sgt Amari", "observer");
        var typed = $"Summer {Guid.NewGuid():N}"[..20];

        using var first = await host.Access.SignInResponseAsync(typed, "not the password");
        using var again = await host.Access.SignInResponseAsync(typed, "not the password");
        using var other = await host.Access.SignInResponseAsync("Winter 2026 blue", "not the password");
        using var wrong = await host.Access.SignInResponseAsync("Sgt Amari", "not the password");
        var log = LogText();

        Assert.DoesNotContain(typed, log, StringComparison.Ordinal);
        Assert.DoesNotContain("Winter 2026 blue", log, StringComparison.Ordinal);
        var names = System.Text.RegularExpressions.Regex.Matches(log, "\\(unknown name ([0-9a-f]{8}), ([0-9]+) characters\\)").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(2, names.Count(n => n == names[^3]));
        Assert.Equal(("20", "16"), (names[^3].Item2, names[^1].Item2));
        Assert.NotEqual(names[^3].Item1, names[^1].Item1);
        Assert.Contains("\"UserName\":\"Sgt Amari\"", log, StringComparison.Ordinal);
        await ForgetFailuresAsync();
    }

    /// <summary>The tests share one address: each throttle test starts from none of the others' failures.</summary>
    private async Task ForgetFailuresAsync()
    {
        using var _ = await host.Client.DeleteAsync("/api/access/lockouts/127.0.0.1", Ct);
    }

    /// <summary>The host's own log files, as written so far.</summary>
    private string LogText()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(Path.Combine(host.DataPath, "logs"), "command-*.log").Order())
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var client = host.ClientWith(null);
            return await client.SendAsync(request, Ct);
        }
    }
}
