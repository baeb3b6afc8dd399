using Microsoft.Playwright;

namespace Hearth.BrowserTests;

/// <summary>Finding a group and belonging to it, in real Chromium with axe-core on every page.</summary>
public sealed class GroupJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Find_a_group_near_a_town_read_its_page_sign_in_join_and_leave(bool javaScript)
    {
        await using var visit = await host.OpenAsync(javaScript);
        var page = visit.Page;

        await page.GotoAsync("/groups");
        await page.GetByLabel("Town or village").FillAsync("Rhyl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickToNavigateAsync();
        // Wait for the navigation to commit; the locator below waits for the results themselves.
        await page.ExpectUrlAsync("**/groups?near=Rhyl**");
        await page.Locator("#results").WaitForAsync();
        await visit.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Prestatyn Withdrawal Support" }).ClickToNavigateAsync();

        await page.ExpectUrlAsync("**/groups/prestatyn-withdrawal-support");
        await visit.AssertAccessibleAsync();
        Assert.Contains("We do not plan anyone's withdrawal", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Join this group" }).ClickToNavigateAsync();

        // Joining needs an account: sign in, then come straight back.
        await page.ExpectUrlAsync("**/account/sign-in**");
        await page.GetByLabel("Email address").FillAsync("morgan@demo.hearth.invalid");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("hearth demo sign-in");
        await page.Locator("main form").First.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickToNavigateAsync();
        await page.ExpectUrlAsync("**/groups/prestatyn-withdrawal-support/membership");
        await visit.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Join the group" }).ClickToNavigateAsync();
        Assert.Contains("Accept the group agreement to join", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("I accept this agreement").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the group" }).ClickToNavigateAsync();

        await page.ExpectUrlAsync("**/groups/prestatyn-withdrawal-support?joined=1");
        Assert.Contains("Morgan", await page.Locator("[data-members]").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Leave this group" }).ClickToNavigateAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Leave the group" }).ClickToNavigateAsync();

        await page.ExpectUrlAsync("**/groups/prestatyn-withdrawal-support?left=1");
        Assert.Equal(0, await page.Locator("[data-members]").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickToNavigateAsync();
        visit.AssertNothingRequestedFromAnotherHost();
    }
}
