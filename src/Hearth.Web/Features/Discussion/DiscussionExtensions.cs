using Hearth.Web.Features.Demo;
using Hearth.Web.Features.Groups;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Discussion;

public static class DiscussionExtensions
{
    public static WebApplicationBuilder AddDiscussion(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Reading>();
        builder.Services.AddScoped<Posting>();
        builder.Services.AddScoped<DiscussionNotices>();
        builder.Services.Configure<DigestOptions>(builder.Configuration.GetSection("Hearth:Discussion:Digest"));
        builder.Services.AddScoped<DiscussionDigests>();
        builder.Services.AddHostedService<DigestSender>();
        builder.Services.AddScoped<Accounts.IPersonalData, DiscussionPersonalData>();
        builder.Services.AddDemoData<DiscussionDemoData>();
        // Every discussion page needs an account; those under a group's address need its membership too.
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.MembersOnlyFolder("/Discussion"));
        return builder;
    }
}
