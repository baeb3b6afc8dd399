using System.Text.RegularExpressions;
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

    /// <summary>
    /// Waits until the page is at <paramref name="url"/> (a glob: <c>**</c> any text, <c>*</c> any text without a slash)
    /// and the whole page has arrived (the layout's footer, the last thing it sends, is in the DOM); if it never gets
    /// there, says where it is and what it shows. Not Playwright's "load" event: without JavaScript, Chromium now and
    /// then never reports it for a page that has plainly arrived (seen in CI, a 15 s wait on a page already shown).
    /// </summary>
    public static Task ExpectUrlAsync(this IPage page, string url) => page.ExpectUrlAsync(Glob(url), url);

    public static Task ExpectUrlAsync(this IPage page, Regex url) => page.ExpectUrlAsync(url.IsMatch, url.ToString());

    public static async Task ExpectUrlAsync(this IPage page, Func<string, bool> url, string description)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!url(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                var heading = await page.Locator("h1").AllInnerTextsAsync();
                var messages = await page.Locator(".error-summary, .notice").AllInnerTextsAsync();
                throw new TimeoutException($"Expected the page at {description}; after {Patience.TotalSeconds} s it is at {page.Url}, headed \"{string.Join(" ", heading)}\"{(messages.Count > 0 ? $", saying: {string.Join(" | ", messages)}" : "")}.");
            }

            await Task.Delay(25);
        }

        await page.Locator("footer.site-footer").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = (float)Patience.TotalMilliseconds });
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static Func<string, bool> Glob(string glob)
    {
        var pattern = "^" + string.Concat(Regex.Split(glob, @"(\*\*|\*)").Select(part => part switch
        {
            "**" => ".*",
            "*" => "[^/]*",
            _ => Regex.Escape(part),
        })) + "$";
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        return regex.IsMatch;
    }
}
