using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hearth.Web.Features.Localisation;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Net.Http.Headers;

namespace Hearth.Web.Features.Shared;

public static class PagesExtensions
{
    public static WebApplicationBuilder AddHearthPages(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        // Welsh letters (ŵ, ŷ, â) are written as themselves, not as entities: smaller and readable pages.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new LineEndingsBinderProvider()))
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Strings)));
        return builder;
    }

    public static WebApplication UseHearthPages(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                // Pages link assets with ?v=<hash>, so a versioned asset never changes.
                context.Context.Response.Headers[HeaderNames.CacheControl] = context.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=3600";
            },
        });
        app.UseRouting();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapHearthPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapLanguageSwitch();
        return app;
    }
}
