using Hearth.Web.Features.Demo;

namespace Hearth.Web.Features.Groups;

public static class GroupsExtensions
{
    public static WebApplicationBuilder AddGroups(this WebApplicationBuilder builder)
    {
        builder.Services.AddDemoData<GroupsDemoData>();
        return builder;
    }
}
