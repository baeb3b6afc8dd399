namespace Hearth.Web.Features.Accounts;

/// <summary>A coarse, human description of a browser ("Firefox on Android") from its user agent; nothing more precise is kept.</summary>
public static class Device
{
    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown browser";
        }

        var browser =
            Has(userAgent, "Edg/") ? "Edge"
            : Has(userAgent, "OPR/") ? "Opera"
            : Has(userAgent, "SamsungBrowser") ? "Samsung Internet"
            : Has(userAgent, "Firefox/") ? "Firefox"
            : Has(userAgent, "Chrome/") || Has(userAgent, "Chromium/") ? "Chrome"
            : Has(userAgent, "Safari/") ? "Safari"
            : "A browser";
        var system =
            Has(userAgent, "Android") ? "Android"
            : Has(userAgent, "iPhone") || Has(userAgent, "iPad") ? "iOS"
            : Has(userAgent, "Windows") ? "Windows"
            : Has(userAgent, "Mac OS X") || Has(userAgent, "Macintosh") ? "macOS"
            : Has(userAgent, "CrOS") ? "ChromeOS"
            : Has(userAgent, "Linux") ? "Linux"
            : "another system";
        return $"{browser} on {system}";
    }

    private static bool Has(string userAgent, string part) => userAgent.Contains(part, StringComparison.Ordinal);
}
