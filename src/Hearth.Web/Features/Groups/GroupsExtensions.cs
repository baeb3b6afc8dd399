using Hearth.Web.Features.Demo;

namespace Hearth.Web.Features.Groups;

public static class GroupsExtensions
{
    public static WebApplicationBuilder AddGroups(this WebApplicationBuilder builder)
    {
        builder.Services.AddDemoData<GroupsDemoData>();
        // Loaded on first use (about 4,600 places, 220 KB), then shared.
        builder.Services.AddSingleton(_ => Gazetteer.Gazetteer.LoadEmbedded());
        return builder;
    }
}
