using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Demo;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Groups;

public static class GroupsExtensions
{
    private static readonly string[] SignedInPages = ["Membership", "New", "Mine", "Manage", "Edit", "Chat", "Chats", "ChatReply"];

    public static WebApplicationBuilder AddGroups(this WebApplicationBuilder builder)
    {
        builder.Services.AddDemoData<GroupsDemoData>();
        builder.Services.AddDemoData<MembershipDemoData>();
        builder.Services.AddScoped<IPersonalData, GroupsPersonalData>();
        builder.Services.AddScoped<GroupAccess>();
        builder.Services.AddScoped<MembersOnlyFilter>();
        builder.Services.AddScoped<GroupNotices>();
        builder.Services.AddScoped<Belonging>();
        builder.Services.AddScoped<ChatThreads>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(NetworkModel.StaffPolicy, p => p.RequireRole(NetworkRoles.Admin, NetworkRoles.PeerGroupWorker));

        // Reading about groups never needs an account; everything else does. Pages that only organisers may use
        // answer "not found" to everyone else themselves, so a stranger cannot tell a group's private pages exist.
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            foreach (var page in SignedInPages)
            {
                o.Conventions.AuthorizePage($"/Groups/{page}");
            }

            o.Conventions.AuthorizePage("/Groups/Network", NetworkModel.StaffPolicy);
        });

        // Loaded on first use (about 4,600 places, 220 KB), then shared.
        builder.Services.AddSingleton(_ => Gazetteer.Gazetteer.LoadEmbedded());
        builder.Services.AddScoped<GroupGenerator>();
        return builder;
    }
}
