using System.Security.Claims;
using Hearth.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Checked on every signed-in request: the session must exist, not be ended, not be idle longer than the
/// idle time-out, and not be older than the absolute time-out; then Identity's security stamp is checked,
/// so a password change or "sign out everywhere" really ends other sessions.
/// </summary>
internal static class SessionGuard
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = userId is null ? null : HearthSignInManager.CurrentSessionId(principal!, userId);
        if (sessionId is null || !await TouchAsync(services, sessionId.Value, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null)
        {
            // The stamp changed elsewhere (password, email, role): this session is over, and its row says so.
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await services.GetRequiredService<HearthDb>().UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), context.HttpContext.RequestAborted);
        }
    }

    private static async Task<bool> TouchAsync(IServiceProvider services, Guid sessionId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<HearthDb>();
        var options = services.GetRequiredService<IOptions<AccountOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || session.EndedAt is not null)
        {
            return false;
        }

        if (now - session.LastSeenAt > options.IdleTimeout || now - session.CreatedAt > options.AbsoluteTimeout)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
            return false;
        }

        // Write at most once a minute: idle time-outs are counted in minutes, and reads stay cheap.
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        return true;
    }
}
