using Microsoft.Playwright;

namespace Hearth.BrowserTests;

/// <summary>Signing in through the real page, as a person does.</summary>
public static class SignIn
{
    public const string DemoPassword = "hearth demo sign-in";

    /// <summary>Fills in and sends the sign-in form; where it leads (account, two-step, back) is the caller's to check.</summary>
    public static async Task SubmitAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.Locator("main form").First.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickToNavigateAsync();
    }

    /// <summary>Signs in and waits for the account page.</summary>
    public static async Task AsAsync(IPage page, string email, string password = DemoPassword)
    {
        await SubmitAsync(page, email, password);
        await page.ExpectUrlAsync("**/account");
    }
}
