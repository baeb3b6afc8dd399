using System.Globalization;
using Hearth.Web.Features.Security;
using Microsoft.AspNetCore.Localization;

namespace Hearth.Web.Features.Localisation;

public static class LocalisationExtensions
{
    public const string English = "en-GB";
    public const string Welsh = "cy-GB";

    public static readonly IReadOnlyList<CultureInfo> Cultures = [new(English), new(Welsh)];

    /// <summary>Each language named in itself, as a language switch should.</summary>
    public static string NativeName(CultureInfo culture) => culture.Name == Welsh ? "Cymraeg" : "English";

    public static WebApplicationBuilder AddHearthLocalisation(this WebApplicationBuilder builder)
    {
        var cookieName = builder.Environment.CookieName("language");
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(English);
            options.SupportedCultures = [.. Cultures];
            options.SupportedUICultures = [.. Cultures];
            // An unknown culture in the query, cookie or browser simply falls through to English.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = cookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that error pages re-executed later keep the person's language.</summary>
    public static WebApplication UseHearthLocalisation(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapLanguageSwitch(this WebApplication app)
    {
        var cookieName = app.Environment.CookieName("language");
        var secure = app.Environment.UsesSecureCookies();

        // A plain link, so it works without JavaScript; choosing a language is harmless, so GET is fine.
        app.MapGet("/language/{culture}", (HttpContext context, string culture, string? returnUrl) =>
        {
            var chosen = Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
            if (chosen is not null)
            {
                context.Response.Cookies.Append(
                    cookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions
                    {
                        Path = "/",
                        Secure = secure,
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                        IsEssential = true,
                        MaxAge = TimeSpan.FromDays(365),
                    });
            }

            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        });
        return app;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
