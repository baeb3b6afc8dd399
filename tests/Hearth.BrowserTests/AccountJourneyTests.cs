using System.IO.Compression;
using System.Text.Json;
using Hearth.Tests;
using Microsoft.Playwright;

namespace Hearth.BrowserTests;

/// <summary>The account journeys in real Chromium, with axe-core on every page on the way.</summary>
public sealed class AccountJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Password = "lanterns over the harbour";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Register_confirm_sign_in_turn_on_two_step_sign_out_and_sign_in_with_a_code_or_recovery_code(bool javaScript)
    {
        await using var visit = await host.OpenAsync(javaScript);
        var page = visit.Page;
        var (name, email) = NewPerson();

        await page.GotoAsync("/account/register");
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("I have read and agree").CheckAsync();
        await page.GetByLabel("I agree that Hearth may hold").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickToNavigateAsync();
        await page.ExpectUrlAsync("**/account/check-your-email");
        await visit.AssertAccessibleAsync();

        var confirm = await Mailbox.WaitForAsync(host.MailFolder, email, "Confirm your email");
        await page.GotoAsync(Local(Mailbox.FirstLink(confirm.Body)));
        await visit.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickToNavigateAsync();
        Assert.Equal("Your email address is confirmed", await page.Locator("h1").InnerTextAsync());

        await SignIn.SubmitAsync(page, email, Password);
        await page.ExpectUrlAsync("**/account");
        await visit.AssertAccessibleAsync();
        Assert.Contains(email, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/account/two-factor");
        await visit.AssertAccessibleAsync();
        var key = (await page.Locator("[data-shared-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        var enablingCode = Totp.Code(key, DateTimeOffset.UtcNow);
        await page.GetByLabel("Security code").FillAsync(enablingCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickToNavigateAsync();
        var recoveryCodes = await page.Locator("[data-recovery-codes] li").AllInnerTextsAsync();
        Assert.Equal(10, recoveryCodes.Count);
        await visit.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickToNavigateAsync();
        await page.ExpectUrlAsync("**/account/signed-out");
        await SignIn.SubmitAsync(page, email, Password);
        await page.ExpectUrlAsync("**/account/sign-in/two-factor**");
        await visit.AssertAccessibleAsync();
        if (javaScript)
        {
            await page.GetByLabel("Security code").FillAsync(recoveryCodes[0]);
            await page.GetByLabel("This is a recovery code").CheckAsync();
        }
        else
        {
            // A code is accepted once: if the app still shows the one that turned two-step on, type the next one, as a
            // phone whose clock runs a little ahead would show it (codes a step either side of the server's are accepted).
            var code = Totp.Code(key, DateTimeOffset.UtcNow);
            if (code == enablingCode)
            {
                code = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
            }

            await page.GetByLabel("Security code").FillAsync(code);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickToNavigateAsync();

        await page.ExpectUrlAsync("**/account");
        Assert.Equal("Your account", await page.Locator("h1").InnerTextAsync());
        visit.AssertNothingRequestedFromAnotherHost();
    }

    [Fact]
    public async Task Add_a_passkey_then_sign_in_with_it()
    {
        await using var visit = await host.OpenAsync(javaScript: true);
        var page = visit.Page;
        var email = await RegisterConfirmedAsync(page);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/account/passkeys");
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("Name for this passkey").FillAsync("test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await page.Locator("[data-passkey-list]").WaitForAsync();
        Assert.Contains("test laptop", await page.Locator("[data-passkey-list]").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickToNavigateAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await page.ExpectUrlAsync("**/account");
        Assert.Contains(email, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        visit.AssertNothingRequestedFromAnotherHost();
    }

    [Fact]
    public async Task Download_my_data_as_a_zip_of_json_and_html()
    {
        await using var visit = await host.OpenAsync(javaScript: true);
        var page = visit.Page;
        var email = await RegisterConfirmedAsync(page);
        await page.GotoAsync("/account/export");
        await visit.AssertAccessibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download my information" }).ClickAsync());
        var path = await download.PathAsync();

        using var zip = ZipFile.OpenRead(path);
        using var json = JsonDocument.Parse(await new StreamReader(zip.GetEntry("hearth-data.json")!.Open()).ReadToEndAsync());
        Assert.Equal(email, json.RootElement.GetProperty("account").GetProperty("email").GetString());
        var html = await new StreamReader(zip.GetEntry("hearth-data.html")!.Open()).ReadToEndAsync();
        Assert.Contains(email, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_my_account_then_change_my_mind_by_signing_in()
    {
        await using var visit = await host.OpenAsync(javaScript: false);
        var page = visit.Page;
        var email = await RegisterConfirmedAsync(page);
        await page.GotoAsync("/account/delete");
        await visit.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickToNavigateAsync();
        Assert.Contains("Choose what should happen", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("Keep it").CheckAsync();
        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickToNavigateAsync();
        await page.ExpectUrlAsync("**/account/deletion-scheduled**");
        Assert.Equal("Your account will be deleted", await page.Locator("h1").InnerTextAsync());
        await visit.AssertAccessibleAsync();

        await SignIn.SubmitAsync(page, email, Password);

        await page.ExpectUrlAsync("**/account?deletion=cancelled");
        Assert.Contains("Your account will not be deleted", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
    }

    private static (string Name, string Email) NewPerson()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return ($"Walker {id}", $"walker-{id}@example.invalid");
    }

    private async Task<string> RegisterConfirmedAsync(IPage page)
    {
        var (name, email) = NewPerson();
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("I have read and agree").CheckAsync();
        await page.GetByLabel("I agree that Hearth may hold").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickToNavigateAsync();
        var confirm = await Mailbox.WaitForAsync(host.MailFolder, email, "Confirm your email");
        await page.GotoAsync(Local(Mailbox.FirstLink(confirm.Body)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickToNavigateAsync();
        await SignIn.SubmitAsync(page, email, Password);
        await page.ExpectUrlAsync("**/account");
        return email;
    }


    /// <summary>Email links carry the host's address; the browser visits the same path on this test host.</summary>
    private static string Local(string link) => new Uri(link).PathAndQuery;
}
