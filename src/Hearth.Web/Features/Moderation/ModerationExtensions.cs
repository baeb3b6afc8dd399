using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Moderation;

public static class ModerationExtensions
{
    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ModerationOptions>(builder.Configuration.GetSection("Hearth:Moderation"));
        builder.Services.AddScoped<Moderating>();
        // Signed in; then each page answers "not found" to anyone who moderates nothing.
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Moderation"));
        return builder;
    }
}
