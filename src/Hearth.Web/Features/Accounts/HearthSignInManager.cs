using System.Security.Claims;
using Hearth.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Every way of signing in (password, two-factor, recovery code, passkey) ends in
/// <see cref="SignInWithClaimsAsync"/>: here each sign-in gets a new server-side session whose id the cookie
/// carries, so a person can see their sessions and end any of them, and signing in cancels a pending deletion.
/// </summary>
public sealed class HearthSignInManager(
    UserManager<HearthUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HearthUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HearthUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HearthUser> confirmation,
    HearthDb db,
    SecurityLog securityLog,
    TimeProvider clock)
    : SignInManager<HearthUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public const string SessionClaim = "hearth:session";

    public override async Task SignInWithClaimsAsync(HearthUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = CurrentSessionId(Context.User, user.Id);
        var session = current is null ? null : await db.UserSessions.SingleOrDefaultAsync(s => s.Id == current && s.EndedAt == null);
        if (session is null)
        {
            // A new sign-in: a new session, never one carried over from before.
            session = new UserSession { Id = Guid.NewGuid(), UserId = user.Id, CreatedAt = now, LastSeenAt = now, Device = Device.Describe(Context.Request.Headers.UserAgent) };
            db.UserSessions.Add(session);
            await db.SaveChangesAsync();
            await securityLog.RecordAsync(user.Id, SecurityEventKind.SignedIn);
            if (user.DeletionDueAt is not null)
            {
                user.DeletionDueAt = null;
                await UserManager.UpdateAsync(user);
                await securityLog.RecordAsync(user.Id, SecurityEventKind.DeletionCancelled);
            }
        }

        var claims = additionalClaims.Where(c => c.Type != SessionClaim).Append(new Claim(SessionClaim, session.Id.ToString()));
        await base.SignInWithClaimsAsync(user, authenticationProperties ?? new AuthenticationProperties { IsPersistent = false }, claims);
    }

    public override async Task SignOutAsync()
    {
        var userId = UserManager.GetUserId(Context.User);
        var current = userId is null ? null : CurrentSessionId(Context.User, userId);
        if (current is not null)
        {
            await db.UserSessions.Where(s => s.Id == current && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow().UtcDateTime));
            await securityLog.RecordAsync(userId!, SecurityEventKind.SignedOut);
        }

        await base.SignOutAsync();
    }

    /// <summary>
    /// Re-entering the password to change something counts towards lockout exactly like signing in, so a
    /// borrowed session cannot be used to guess it. On failure the message goes beside <paramref name="field"/>.
    /// </summary>
    public async Task<bool> ConfirmCurrentPasswordAsync(HearthUser user, string password, ModelStateDictionary modelState, string field, IStringLocalizer text)
    {
        var paused = await UserManager.IsLockedOutAsync(user);
        if (!paused)
        {
            var result = await CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return true;
            }

            paused = result.IsLockedOut;
        }

        modelState.AddModelError(field, text[paused ? "Accounts.Password.Paused" : "Accounts.Password.CurrentWrong"]);
        return false;
    }

    /// <summary>Ends every session of this person except, optionally, the one making the request.</summary>
    public async Task<int> EndSessionsAsync(string userId, Guid? except)
    {
        var ended = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow().UtcDateTime));
        if (ended > 0)
        {
            await securityLog.RecordAsync(userId, SecurityEventKind.SessionEnded, ended.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return ended;
    }

    public static Guid? CurrentSessionId(ClaimsPrincipal principal, string userId) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) == userId && Guid.TryParse(principal.FindFirstValue(SessionClaim), out var id) ? id : null;
}
