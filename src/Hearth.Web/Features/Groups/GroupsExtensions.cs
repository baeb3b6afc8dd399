using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Demo;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Groups;

public static class GroupsExtensions
{
    public static WebApplicationBuilder AddGroups(this WebApplicationBuilder builder)
    {
        builder.Services.AddDemoData<GroupsDemoData>();
        builder.Services.AddDemoData<MembershipDemoData>();
        builder.Services.AddScoped<IPersonalData, GroupsPersonalData>();
        // Joining and leaving need a signed-in person; reading about groups never does.
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizePage("/Groups/Membership"));
        // Loaded on first use (about 4,600 places, 220 KB), then shared.
        builder.Services.AddSingleton(_ => Gazetteer.Gazetteer.LoadEmbedded());
        builder.Services.AddScoped<GroupGenerator>();
        return builder;
    }
}
