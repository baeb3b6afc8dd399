using System.IO.Compression;
using System.Text.Json;
using Hearth.Web.Features.Accounts;

namespace Hearth.Tests.Features.Accounts;

public sealed class ExportTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task The_download_holds_my_account_sessions_and_activity_as_json_and_html_and_nobody_elses_data()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person, userAgent: "Mozilla/5.0 (Android 14) Firefox/130.0");

        using var response = await client.PostFormAsync("/account/export", new Dictionary<string, string>());

        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var json = JsonDocument.Parse(await new StreamReader(zip.GetEntry("hearth-data.json")!.Open()).ReadToEndAsync());
        var account = json.RootElement.GetProperty("account");
        Assert.Equal(person.Email, account.GetProperty("email").GetString());
        Assert.Equal(person.DisplayName, account.GetProperty("displayName").GetString());
        Assert.NotEqual(JsonValueKind.Null, account.GetProperty("healthDataConsentAt").ValueKind);
        Assert.Equal("Firefox on Android", account.GetProperty("sessions")[0].GetProperty("device").GetString());
        var kinds = account.GetProperty("securityEvents").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains(nameof(SecurityEventKind.Registered), kinds);
        Assert.Contains(nameof(SecurityEventKind.DataExported), kinds);
        Assert.DoesNotContain("passwordHash", json.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var html = await new StreamReader(zip.GetEntry("hearth-data.html")!.Open()).ReadToEndAsync();
        Assert.Contains(person.Email, html, StringComparison.Ordinal);
        Assert.Contains("Firefox on Android", html, StringComparison.Ordinal);
        foreach (var (_, other, _) in AccountsDemoData.People)
        {
            Assert.DoesNotContain(other, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Downloading_is_recorded_in_my_security_activity()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);

        await client.PostFormAsync("/account/export", new Dictionary<string, string>());

        Assert.Contains("Information downloaded", (await client.GetDocumentAsync("/account/activity")).MainText(), StringComparison.Ordinal);
    }
}
