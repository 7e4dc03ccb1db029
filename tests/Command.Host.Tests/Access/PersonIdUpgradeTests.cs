using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Command.Domain.Annotations;
using Command.Host.Paperwork;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// An access book kept before people had ids, as the file on disk holds it, loads with an id given to each of them: what
/// they write from then on is theirs alone, the notes they wrote under their name before stay theirs, and someone added
/// later under that name gets none of them.
/// </summary>
public sealed class PersonIdUpgradeTests
{
    /// <summary>The file storage's header ahead of the JSON: its mark and the state's ETag.</summary>
    private const int Header = 24;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task People_kept_before_ids_get_one_on_load_and_keep_their_name_only_notes_from_a_newcomer_under_that_name()
    {
        var data = DataFolder.New();
        var incident = $"upgrade-{Guid.NewGuid():N}"[..20];
        await using (var before = new DataHost(data))
        {
            await before.InitializeAsync();
            await before.Access.AddPersonAsync("Eval Ruiz", "evaluator");
            await before.Access.AddPersonAsync("Eval Soto", "evaluator");
            (await before.PostJsonAsync("/api/incidents", TestSite.CreateIncident(incident))).EnsureSuccessStatusCode();
        }

        // As the build before ids kept it: no person has one, and Ruiz's note, written after Ruiz was added, bears the name alone.
        WithoutIds(data);
        var written = new DateTimeOffset(2026, 3, 14, 15, 30, 0, TimeSpan.Zero);
        await File.WriteAllBytesAsync(
            Path.Combine(data, "sessions", incident, "annotations.jsonl"),
            AnnotationJson.SerializeLine(new EvaluatorNote("Kept before", NoteMark.Observation) { Number = 1, About = written, Written = written, Author = "Eval Ruiz" }),
            Ct);

        await using var after = new DataHost(data);
        await after.InitializeAsync();
        var ruiz = await after.Access.SignInAsync("Eval Ruiz");
        var soto = await after.Access.SignInAsync("Eval Soto");
        var sotos = await WriteAsync(after, soto, incident, "P2 held at staging");

        using var ruizReads = await SendAsync(after, ruiz, HttpMethod.Get, $"/api/sessions/{incident}/notes");
        using var ruizAmendsSotos = await SendAsync(after, ruiz, HttpMethod.Post, $"/api/sessions/{incident}/notes/{sotos}/amend", new { text = "rewritten" });
        using var ruizAmendsOwn = await SendAsync(after, ruiz, HttpMethod.Post, $"/api/sessions/{incident}/notes/1/amend", new { text = "Kept before, amended" });

        // Each was given an id of their own: the two are told apart, and Ruiz's name-only note is still Ruiz's.
        Assert.Equal([("Kept before", true), ("P2 held at staging", false)], await YoursAsync(ruizReads));
        Assert.Equal(HttpStatusCode.Forbidden, ruizAmendsSotos.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ruizAmendsOwn.StatusCode);

        // Ruiz is removed; an hour on, someone else is added under the name, and gets none of what Ruiz wrote.
        (await after.Client.DeleteAsync("/api/access/people/Eval%20Ruiz", Ct)).EnsureSuccessStatusCode();
        after.Clock.Advance(TimeSpan.FromHours(1));
        await after.Access.AddPersonAsync("Eval Ruiz", "evaluator");
        var newcomer = await after.Access.SignInAsync("Eval Ruiz");
        using var newcomerReads = await SendAsync(after, newcomer, HttpMethod.Get, $"/api/sessions/{incident}/notes");
        using var newcomerAmends = await SendAsync(after, newcomer, HttpMethod.Post, $"/api/sessions/{incident}/notes/1/amend", new { text = "rewritten" });

        Assert.Equal([("Kept before, amended", false), ("P2 held at staging", false)], await YoursAsync(newcomerReads));
        Assert.Equal(HttpStatusCode.Forbidden, newcomerAmends.StatusCode);
        DataFolder.Remove(data);
    }

    /// <summary>Takes every person's id out of the access book's file, as it was before people had one.</summary>
    private static void WithoutIds(string data)
    {
        var file = Assert.Single(Directory.GetFiles(Path.Combine(data, "access"), "*.grain"));
        var bytes = File.ReadAllBytes(file);
        var book = JsonNode.Parse(bytes.AsSpan(Header))!;
        foreach (var (name, person) in book["People"]!.AsObject())
        {
            if (!name.StartsWith('$'))
            {
                Assert.True(person!.AsObject().Remove("Id"));
                person["Entry"]!.AsObject().Remove("Id");
            }
        }

        File.WriteAllBytes(file, [.. bytes.AsSpan(0, Header), .. System.Text.Encoding.UTF8.GetBytes(book.ToJsonString())]);
    }

    private static async Task<(string?, bool)[]> YoursAsync(HttpResponseMessage listing)
    {
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        return [.. (await listing.Content.ReadFromJsonAsync<JsonElement[]>(Ct))!.Select(n => (n.GetProperty("text").GetString(), n.GetProperty("yours").GetBoolean()))];
    }

    private static async Task<long> WriteAsync(CommandHost host, string cookie, string incident, string text)
    {
        using var written = await SendAsync(host, cookie, HttpMethod.Post, $"/api/sessions/{incident}/notes", new { text });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        return (await written.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetInt64();
    }

    private static async Task<HttpResponseMessage> SendAsync(CommandHost host, string cookie, HttpMethod method, string path, object? body = null)
    {
        using var page = host.ClientWith(null);
        return await page.SendAsync(host.Access.AsPage(method, path, cookie, body), Ct);
    }

    private sealed class DataHost(string data) : AccessHost(new Dictionary<string, string?> { ["DataPath"] = data });
}
