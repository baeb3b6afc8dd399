using System.IO.Compression;
using System.Text.Json;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;

namespace Hearth.Tests.Features.Discussion;

/// <summary>
/// Discussion is confidential: the demo's Prestatyn conversation reaches its members and nobody else, on any page in
/// either language, in the public feeds, or in anyone else's export.
/// </summary>
public sealed class DiscussionPrivacyTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    /// <summary>Words from the demo's Prestatyn discussion (a topic title and a reply).</summary>
    private static readonly string[] Secrets = ["Sleep during a taper step", "A fixed time to get up"];

    [Theory]
    [InlineData(null)]
    [InlineData("Eleri")]
    [InlineData("Alex")]
    [InlineData("Morgan")]
    public async Task Nobody_outside_the_group_finds_its_discussion_on_any_page_or_feed(string? demoName)
    {
        var client = demoName is null ? factory.CreateBrowserLikeClient() : await factory.SignInAsAsync(demoName);
        foreach (var culture in new[] { "en-GB", "cy-GB" })
        {
            foreach (var (url, response, _) in await Html.CrawlAsync(client, culture))
            {
                var body = await response.Content.ReadAsStringAsync();
                foreach (var secret in Secrets)
                {
                    Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{url} shows \"{secret}\" to {demoName ?? "anonymous"}");
                }
            }
        }

        foreach (var feed in new[] { "/feeds/meetings.json", "/groups/prestatyn-withdrawal-support/calendar.ics" })
        {
            var text = await client.GetStringAsync(new Uri(feed, UriKind.Relative));
            Assert.DoesNotContain(Secrets[0], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_reaches_the_discussion_by_following_links_so_the_crawl_would_find_a_leak()
    {
        var robin = await factory.SignInAsAsync("Robin");
        var texts = new List<string>();
        foreach (var (_, response, _) in await Html.CrawlAsync(robin))
        {
            texts.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Contains(texts, t => t.Contains(Secrets[0], StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(Secrets[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_export_holds_what_the_person_wrote_and_nothing_anyone_else_did()
    {
        var jo = await ExportAsync("Jo");
        var sam = await ExportAsync("Sam");
        Assert.Contains("A fixed time to get up", jo.GetProperty("discussion").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("A fixed time to get up", sam.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Sleep during a taper step", sam.GetProperty("discussion").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Writing it down for my prescriber", sam.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> ExportAsync(string demoName)
    {
        var client = await factory.SignInAsAsync(demoName);
        using var response = await client.PostFormAsync("/account/export", new Dictionary<string, string>());
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var json = JsonDocument.Parse(await new StreamReader(zip.GetEntry("hearth-data.json")!.Open()).ReadToEndAsync());
        return json.RootElement.Clone();
    }
}
