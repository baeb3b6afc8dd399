using Microsoft.Playwright;

namespace Hearth.BrowserTests;

/// <summary>Clicking what leads to another page: a link, or a button that sends a form.</summary>
public static class Clicks
{
    /// <summary>
    /// Clicks and makes sure the browser set off for the next page. Headless Chromium now and then loses a click
    /// made in the instant a page settles (seen in CI, a form that was never sent); a click that sent nothing is
    /// made again, at most twice more, and one that sent a request is never repeated. Where the page leads is the
    /// caller's to check.
    /// </summary>
    public static async Task ClickToNavigateAsync(this ILocator target)
    {
        var page = target.Page;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.RunAndWaitForRequestAsync(() => target.ClickAsync(), r => r.IsNavigationRequest && r.Frame == page.MainFrame, new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }
}
