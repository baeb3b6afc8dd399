using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// Declared once for the pages of a group that only its members may use (<c>/groups/{slug}/...</c>): anyone else,
/// network admins included, gets "not found", so a stranger cannot tell what the group's private pages hold. The
/// group and the viewer's membership are then read with <see cref="MembersOnly.Of"/>.
/// </summary>
public sealed class MembersOnlyFilter(GroupAccess access) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.RouteData.Values["slug"] is string slug)
        {
            var found = await access.FindAsync(slug, context.HttpContext.User, context.HttpContext.RequestAborted);
            if (found?.Me is null)
            {
                context.Result = new NotFoundResult();
                return;
            }

            context.HttpContext.Items[typeof(GroupAndMe)] = found;
        }

        await next();
    }
}

public static class MembersOnly
{
    /// <summary>The group and the viewer's membership, as <see cref="MembersOnlyFilter"/> found them.</summary>
    public static GroupAndMe Of(HttpContext context) =>
        context.Items[typeof(GroupAndMe)] as GroupAndMe ?? throw new InvalidOperationException("This page is not behind MembersOnlyFilter.");

    /// <summary>Every page in <paramref name="folder"/> needs an account, and those under a group's address its membership.</summary>
    public static void MembersOnlyFolder(this Microsoft.AspNetCore.Mvc.ApplicationModels.PageConventionCollection conventions, string folder)
    {
        conventions.AuthorizeFolder(folder);
        conventions.AddFolderApplicationModelConvention(folder, model => model.Filters.Add(new ServiceFilterAttribute(typeof(MembersOnlyFilter))));
    }
}
