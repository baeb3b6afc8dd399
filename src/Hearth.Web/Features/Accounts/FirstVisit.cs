using Hearth.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// On an installation with no accounts, every page leads to <c>/setup</c>, where the first visitor creates the
/// first admin. Help and health stay reachable. Once an account exists the check is never made again.
/// </summary>
internal sealed class FirstVisit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, Installation installation)
    {
        if (!installation.HasAccounts && HttpMethods.IsGet(context.Request.Method) && !IsExempt(context.Request.Path))
        {
            var db = context.RequestServices.GetRequiredService<HearthDb>();
            if (await db.Users.AnyAsync(context.RequestAborted))
            {
                installation.HasAccounts = true;
            }
            else
            {
                context.Response.Redirect("/setup");
                return;
            }
        }

        await next(context);
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/setup") || path.StartsWithSegments("/help-now") || path.StartsWithSegments("/healthz")
        || path.StartsWithSegments("/language") || path.StartsWithSegments("/error") || path.StartsWithSegments("/bench");

    public sealed class Installation
    {
        private volatile bool hasAccounts;

        public bool HasAccounts
        {
            get => hasAccounts;
            set => hasAccounts = value;
        }
    }
}
