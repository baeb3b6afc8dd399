using Hearth.Web.Features.Demo;
using Hearth.Web.Features.Groups;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.CopingTips;

public static class CopingTipsExtensions
{
    public static WebApplicationBuilder AddCopingTips(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TipShelf>();
        builder.Services.AddScoped<Accounts.IPersonalData, CopingTipsPersonalData>();
        builder.Services.AddDemoData<CopingTipsDemoData>();
        // Signed in for every page; a group's own tips for its members only.
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.MembersOnlyFolder("/CopingTips"));
        return builder;
    }
}
