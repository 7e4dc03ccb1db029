using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>Access is never left without an admin who can sign in, and no two people read as one: a person is found by any name that reads as theirs.</summary>
public sealed class PeopleRulesTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_with_no_password_does_not_count_as_another_admin()
    {
        (await host.PostJsonAsync("/api/access/people", new { userName = "chief", password = TestAccess.Password, roles = new[] { "admin" } })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/access/people", new { userName = "deputy", roles = new[] { "admin" } })).EnsureSuccessStatusCode();

        using var demoted = await host.Client.PutAsJsonAsync("/api/access/people/chief/roles", new { roles = new[] { "observer" } }, Ct);
        using var removed = await host.Client.DeleteAsync("/api/access/people/chief", Ct);

        Assert.Equal(HttpStatusCode.Conflict, demoted.StatusCode);
        Assert.Equal(("last-admin", "'chief' is the last admin who can sign in; make someone with a password admin first"), await ReasonAsync(demoted));
        Assert.Equal(HttpStatusCode.Conflict, removed.StatusCode);

        (await host.PostJsonAsync("/api/access/people", new { userName = "second", password = TestAccess.Password, roles = new[] { "admin" } })).EnsureSuccessStatusCode();
        using var then = await host.Client.DeleteAsync("/api/access/people/chief", Ct);
        Assert.True(then.IsSuccessStatusCode, $"removing chief answered {(int)then.StatusCode}");
    }

    [Fact]
    public async Task Setting_the_roles_a_person_holds_again_keeps_them_signed_in()
    {
        await host.Access.AddPersonAsync("Sgt Ortiz", "commander", "observer");
        var cookie = await host.Access.SignInAsync("Sgt Ortiz");

        using var same = await host.Client.PutAsJsonAsync("/api/access/people/Sgt%20Ortiz/roles", new { roles = new[] { "observer", "commander" } }, Ct);
        using var client = host.ClientWith(null);
        using var me = await client.SendAsync(host.Access.AsPage(HttpMethod.Get, "/api/auth/me", cookie), Ct);

        Assert.Equal(HttpStatusCode.NoContent, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Setting_the_roles_a_person_holds_again_is_not_audited_as_a_change()
    {
        await host.Access.AddPersonAsync("Cpl Haddad", "commander", "observer");

        using var same = await host.Client.PutAsJsonAsync("/api/access/people/Cpl%20Haddad/roles", new { roles = new[] { "observer", "commander" } }, Ct);
        using var changed = await host.Client.PutAsJsonAsync("/api/access/people/Cpl%20Haddad/roles", new { roles = new[] { "observer" } }, Ct);
        var made = HostLog.Lines(host).Select(l => System.Text.RegularExpressions.Regex.Match(l.Text, "\"Change\":\"made Cpl Haddad [^\"]*\"").Value).Where(m => m.Length > 0);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (same.StatusCode, changed.StatusCode));
        Assert.Equal(["\"Change\":\"made Cpl Haddad observer (was commander, observer)\""], made);
    }

    [Fact]
    public async Task A_change_of_roles_that_does_not_say_what_it_was_made_from_is_audited_with_the_roles_it_replaced()
    {
        // A script or another admin's tool sends the roles alone: the audit still says admin was taken away.
        await host.Access.AddPersonAsync("Capt Lindqvist", "admin", "commander");

        using var changed = await host.Client.PutAsJsonAsync("/api/access/people/capt%20lindqvist/roles", new { roles = new[] { "observer" } }, Ct);
        var made = HostLog.Lines(host).Select(l => System.Text.RegularExpressions.Regex.Match(l.Text, "\"Change\":\"made Capt Lindqvist [^\"]*\"").Value).Where(m => m.Length > 0);

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(["\"Change\":\"made Capt Lindqvist observer (was admin, commander)\""], made);
    }

    [Fact]
    public async Task A_change_of_roles_made_from_the_roles_held_is_audited_with_them()
    {
        await host.Access.AddPersonAsync("Lt Novak", "evaluator", "commander");

        using var changed = await host.Client.PutAsJsonAsync("/api/access/people/Lt%20Novak/roles", new { roles = new[] { "observer" }, was = new[] { "commander", "evaluator" } }, Ct);
        var made = HostLog.Lines(host).Select(l => System.Text.RegularExpressions.Regex.Match(l.Text, "\"Change\":\"made Lt Novak [^\"]*\"").Value).Where(m => m.Length > 0);

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(["\"Change\":\"made Lt Novak observer (was commander, evaluator)\""], made);
    }

    [Fact]
    public async Task A_change_of_roles_made_from_roles_another_admin_changed_since_is_refused_not_saved()
    {
        await host.Access.AddPersonAsync("Sgt Okafor", "commander");
        // One admin's page shows commander; another admin demotes them meanwhile.
        (await host.Client.PutAsJsonAsync("/api/access/people/Sgt%20Okafor/roles", new { roles = new[] { "observer" }, was = new[] { "commander" } }, Ct)).EnsureSuccessStatusCode();

        using var stale = await host.Client.PutAsJsonAsync("/api/access/people/Sgt%20Okafor/roles", new { roles = new[] { "commander", "evaluator" }, was = new[] { "commander" } }, Ct);
        var people = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/people", Ct);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(
            ("roles-changed", "'Sgt Okafor' holds observer now, not commander as this change was made from: someone changed their roles meanwhile; look at them again and choose"),
            await ReasonAsync(stale));
        Assert.Equal(["observer"], people.EnumerateArray().Single(p => p.GetProperty("userName").GetString() == "Sgt Okafor").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_name_that_differs_from_someone_elses_only_in_case_is_refused()
    {
        (await host.PostJsonAsync("/api/access/people", new { userName = "Sgt Ruiz", password = TestAccess.Password, roles = new[] { "observer" } })).EnsureSuccessStatusCode();

        using var again = await host.PostJsonAsync("/api/access/people", new { userName = "sgt ruiz", password = TestAccess.Password, roles = new[] { "commander" } });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(("person-exists", "someone is already called 'Sgt Ruiz', which reads as the same person as 'sgt ruiz'"), await ReasonAsync(again));
    }

    [Theory]
    [InlineData("Lt M\u0430ria")] // Cyrillic а
    [InlineData("Lt Mar\u0131a")] // dotless ı
    [InlineData("LT MAR\u0130A")] // dotted İ
    [InlineData("Lt \u039Caria")] // Greek Μ
    public async Task A_name_that_reads_as_someone_elses_through_a_look_alike_letter_is_refused(string userName)
    {
        await host.Access.AddPersonAsync("Lt Maria", "observer");

        using var again = await host.PostJsonAsync("/api/access/people", new { userName, password = TestAccess.Password, roles = new[] { "admin" } });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(("person-exists", $"someone is already called 'Lt Maria', which reads as the same person as '{userName}'"), await ReasonAsync(again));
    }

    [Theory]
    [InlineData("\uFF41\uFF44\uFF4D\uFF49\uFF4E")] // fullwidth
    [InlineData("Lt \uFB01nn")] // ligature ﬁ
    [InlineData("\u2113ee")] // letterlike ℓ
    public async Task A_name_in_compatibility_forms_of_letters_is_refused(string userName)
    {
        using var added = await host.PostJsonAsync("/api/access/people", new { userName, password = TestAccess.Password, roles = new[] { "observer" } });
        var body = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.Equal(
            ("userName", "a user name is written in plain letters: no fullwidth or halfwidth forms, ligatures, superscripts, small capitals or letterlike symbols"),
            (body.GetProperty("errors")[0].GetProperty("field").GetString(), body.GetProperty("errors")[0].GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("drill", "drill")]
    [InlineData("Host Start-up", "host start-up")]
    [InlineData("Ingest", "ingest")]
    [InlineData("anonymous", "anonymous")]
    public async Task A_name_the_recording_gives_what_is_not_a_person_is_refused(string userName, string reads)
    {
        using var added = await host.PostJsonAsync("/api/access/people", new { userName, password = TestAccess.Password, roles = new[] { "commander" } });
        var body = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.Equal(
            ("userName", $"'{userName}' reads as '{reads}', the name the recording and the log give what is not a person; a person called so would read as it"),
            (body.GetProperty("errors")[0].GetProperty("field").GetString(), body.GetProperty("errors")[0].GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("Ka\u02BBiulani")] // the Hawaiian ʻokina, a modifier letter
    [InlineData("\u0418\u0432\u0430\u043D \u041F\u0435\u0442\u0440\u043E\u0432")] // Иван Петров
    [InlineData("Jos\u00E9 Mart\u00EDnez")]
    public async Task A_name_in_the_plain_letters_of_any_script_is_accepted(string userName)
    {
        using var added = await host.PostJsonAsync("/api/access/people", new { userName, roles = new[] { "observer" } });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    [Theory]
    [InlineData("\u0905\u092E\u093F\u0924 \u0936\u0930\u094D\u092E\u093E", "\u0905\u092E\u093F\u0924 \u0936\u0930\u094D\u092E\u093E")] // अमित शर्मा, Devanagari vowel signs and a virama
    [InlineData("\u0E2A\u0E21\u0E0A\u0E32\u0E22 \u0E43\u0E08\u0E14\u0E35", "\u0E2A\u0E21\u0E0A\u0E32\u0E22 \u0E43\u0E08\u0E14\u0E35")] // สมชาย ใจดี, a Thai vowel above
    [InlineData("Nguye\u0302\u0303n Va\u0306n An", "Nguy\u1EC5n V\u0103n An")] // Vietnamese, typed letter and marks apart
    public async Task A_name_written_with_marks_on_its_letters_is_accepted_and_kept_composed(string userName, string kept)
    {
        using var added = await host.PostJsonAsync("/api/access/people", new { userName, roles = new[] { "observer" } });
        var body = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(kept, body.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task A_name_typed_with_a_combining_accent_is_the_same_person_as_it_typed_with_the_accented_letter()
    {
        using var added = await host.PostJsonAsync("/api/access/people", new { userName = "Cpl Jose\u0301 Pe\u0301rez", password = TestAccess.Password, roles = new[] { "observer" } });

        using var again = await host.PostJsonAsync("/api/access/people", new { userName = "Cpl Jos\u00E9 P\u00E9rez", password = TestAccess.Password, roles = new[] { "admin" } });
        using var composedSignIn = await host.Access.SignInResponseAsync("Cpl Jos\u00E9 P\u00E9rez", TestAccess.Password);
        using var decomposedSignIn = await host.Access.SignInResponseAsync("Cpl Jose\u0301 Pe\u0301rez", TestAccess.Password);
        var people = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/people", Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(("person-exists", "someone is already called 'Cpl Jos\u00E9 P\u00E9rez'"), await ReasonAsync(again));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (composedSignIn.StatusCode, decomposedSignIn.StatusCode));
        Assert.Single(people.EnumerateArray(), p => p.GetProperty("userName").GetString() is "Cpl Jos\u00E9 P\u00E9rez");
    }

    [Theory]
    [InlineData("\u0301\u0301", "a mark (an accent, a vowel sign) is written on a letter, and U+0301 begins the name")]
    [InlineData("Lt \u0301Lee", "a mark (an accent, a vowel sign) is written on a letter, and U+0301 follows ' '")]
    [InlineData("Unit 7\u0308", "a mark (an accent, a vowel sign) is written on a letter, and U+0308 follows '7'")]
    [InlineData("drill\uFE0F", "a user name holds nothing that draws nothing, as U+FE0F does: a name with it reads as the same name without it")]
    [InlineData("Sgt\u3164Ruiz", "a user name holds nothing that draws nothing, as U+3164 does: a name with it reads as the same name without it")]
    [InlineData("Bjo\u0338rn", "a user name holds no mark drawn through a letter, as U+0338 is: the letter it strikes reads as another that it is not")]
    [InlineData("Ze\u0301\u0300\u0302\u0303\u0304\u0306d", "a letter carries at most 4 marks (accents, vowel signs), and '\u00E9\u0300\u0302\u0303\u0304\u0306' carries more")]
    [InlineData("dri\u0307ll", "'dri\u0307ll' reads as 'drill', the name the recording and the log give what is not a person; a person called so would read as it")]
    public async Task A_name_whose_marks_stand_on_no_letter_draw_nothing_or_hide_a_letter_is_refused_saying_so(string userName, string detail)
    {
        using var added = await host.PostJsonAsync("/api/access/people", new { userName, password = TestAccess.Password, roles = new[] { "commander" } });
        var body = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.Equal(("userName", detail), (body.GetProperty("errors")[0].GetProperty("field").GetString(), body.GetProperty("errors")[0].GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_person_is_managed_under_any_spelling_that_reads_as_their_name()
    {
        await host.Access.AddPersonAsync("Sgt Okafor", "observer");

        using var roles = await host.Client.PutAsJsonAsync("/api/access/people/sgt%20okafor/roles", new { roles = new[] { "commander" } }, Ct);
        var people = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/people", Ct);
        using var password = await host.Client.PutAsJsonAsync("/api/access/people/SGT%20OKAFOR/password", new { password = "another long password" }, Ct);
        using var removed = await host.Client.DeleteAsync("/api/access/people/sgt%20okafor", Ct);
        var after = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/people", Ct);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent), (roles.StatusCode, password.StatusCode, removed.StatusCode));
        Assert.Equal(["commander"], people.EnumerateArray().Single(p => p.GetProperty("userName").GetString() == "Sgt Okafor").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain("Sgt Okafor", after.EnumerateArray().Select(p => p.GetProperty("userName").GetString()));
    }

    [Theory]
    [InlineData("          ", "a password of spaces alone is no password")]
    [InlineData("tab\there and long", "a password holds no control characters (a line break, a tab, a NUL), which no sign-in page could type back")]
    [InlineData("nul\0 inside a password", "a password holds no control characters (a line break, a tab, a NUL), which no sign-in page could type back")]
    public async Task A_password_no_one_could_type_back_is_refused(string password, string detail)
    {
        using var added = await host.PostJsonAsync("/api/access/people", new { userName = $"Ofc {Guid.NewGuid():N}"[..20], password, roles = new[] { "observer" } });
        var body = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.Equal(("password", detail), (body.GetProperty("errors")[0].GetProperty("field").GetString(), body.GetProperty("errors")[0].GetProperty("detail").GetString()));
    }

    private static async Task<(string?, string?)> ReasonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString());
    }
}
