using Hearth.Web.Data;
using Hearth.Web.Features.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// Running a group's membership: answer requests, see the waiting list, make and withdraw invite links (organisers
/// and co-organisers); change roles and remove members (organisers). Anyone else gets "not found", so the page
/// never tells a stranger who is waiting to join.
/// </summary>
public sealed class ManageModel(HearthDb db, GroupAccess access, Belonging belonging, TimeProvider clock, IStringLocalizer<Strings> text, IOptions<MailOptions> mail, IHostEnvironment environment) : PageModel
{
    public sealed record Person(int Id, string DisplayName, GroupRole Role, DateTime JoinedAt, bool IsMe);

    public sealed record Asking(int Id, string DisplayName, JoinRequestState State, string? Message, DateTime CreatedAt, DateTime? OfferedUntil);

    public GroupAndMe Access { get; private set; } = null!;

    public Group Group => Access.Group;

    public IReadOnlyList<Person> Members { get; private set; } = [];

    public IReadOnlyList<Asking> Requests { get; private set; } = [];

    public IReadOnlyList<Asking> Waiting { get; private set; } = [];

    public IReadOnlyList<GroupInvite> Invites { get; private set; } = [];

    public int UnreadChats { get; private set; }

    public DateTime Now { get; private set; }

    /// <summary>Shown once, straight after it is made: only its hash is kept.</summary>
    public string? NewInviteLink { get; private set; }

    /// <summary>Set when the organiser asked to remove someone and must confirm.</summary>
    public Person? ConfirmRemoval { get; private set; }

    [BindProperty]
    public int InviteDays { get; set; } = 7;

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        await belonging.OfferFreePlacesAsync(Group, cancellationToken);
        await ListAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(string slug, int requestId, CancellationToken cancellationToken) =>
        ActAsync(slug, organisersOnly: false, async () =>
        {
            var outcome = await belonging.AcceptAsync(Group, requestId, cancellationToken);
            return outcome switch
            {
                JoinOutcome.Joined => text["Groups.Manage.Accepted"].Value,
                JoinOutcome.WaitingList => text["Groups.Manage.AcceptedWaiting"].Value,
                _ => null,
            };
        }, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(string slug, int requestId, string reason, CancellationToken cancellationToken) =>
        ActAsync(slug, organisersOnly: false, async () =>
            await belonging.DeclineAsync(Group, requestId, reason, cancellationToken) ? text["Groups.Manage.Declined"].Value : null, cancellationToken);

    public Task<IActionResult> OnPostInviteAsync(string slug, CancellationToken cancellationToken) =>
        ActAsync(slug, organisersOnly: false, async () =>
        {
            // A value that is not a number leaves InviteDays at its default, so check that it bound at all.
            if (ModelState.GetValidationState(nameof(InviteDays)) == ModelValidationState.Invalid || !GroupInvite.LifetimesInDays.Contains(InviteDays))
            {
                ModelState.Remove(nameof(InviteDays));
                ModelState.AddModelError(nameof(InviteDays), text["Groups.Invite.ChooseLifetime"]);
                return null;
            }

            var token = GroupInvite.NewToken();
            db.GroupInvites.Add(new GroupInvite
            {
                GroupId = Group.Id,
                TokenHash = GroupInvite.Hash(token),
                CreatedAt = Now,
                ExpiresAt = Now.AddDays(InviteDays),
            });
            await db.SaveChangesAsync(cancellationToken);
            NewInviteLink = $"{PublicAddress.Origin(mail.Value, environment, Request)}/groups/{Group.Slug}/invite/{token}";
            return text["Groups.Invite.Created"].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(string slug, int inviteId, CancellationToken cancellationToken) =>
        ActAsync(slug, organisersOnly: false, async () =>
        {
            var now = Now;
            var changed = await db.GroupInvites
                .Where(i => i.Id == inviteId && i.GroupId == Group.Id && i.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), cancellationToken);
            return changed == 1 ? text["Groups.Invite.Revoked"].Value : null;
        }, cancellationToken);

    public Task<IActionResult> OnPostRoleAsync(string slug, int memberId, GroupRole role, CancellationToken cancellationToken) =>
        ActAsync(slug, organisersOnly: true, async () =>
        {
            if (ModelState.GetValidationState(nameof(role)) == ModelValidationState.Invalid)
            {
                // Not one of the roles: it would arrive as the default, Member, and demote whoever it named.
                ModelState.Remove(nameof(role));
                return null;
            }

            var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.GroupId == Group.Id, cancellationToken);
            // Organisers step down themselves; no one is demoted from organiser by someone else.
            if (member is null || member.Role == GroupRole.Organiser || !Enum.IsDefined(role))
            {
                return null;
            }

            member.Role = role;
            await db.SaveChangesAsync(cancellationToken);
            return text["Groups.Manage.RoleChanged"].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostStepDownAsync(string slug, CancellationToken cancellationToken) =>
        ActAsync(slug, organisersOnly: false, async () =>
        {
            var me = Access.Me!;
            if (me.Role == GroupRole.Organiser
                && !await db.GroupMembers.AnyAsync(m => m.GroupId == Group.Id && m.Role == GroupRole.Organiser && m.Id != me.Id, cancellationToken))
            {
                ModelState.AddModelError(string.Empty, text["Groups.Manage.LastOrganiser"]);
                return null;
            }

            await db.GroupMembers.Where(m => m.Id == me.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, GroupRole.Member), cancellationToken);
            return text["Groups.Manage.SteppedDown"].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(string slug, int memberId, bool confirm, CancellationToken cancellationToken) =>
        ActAsync(slug, organisersOnly: true, async () =>
        {
            var member = await db.GroupMembers.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId && m.GroupId == Group.Id, cancellationToken);
            if (member is null || member.Role == GroupRole.Organiser)
            {
                return null;
            }

            if (!confirm)
            {
                var name = await db.Users.Where(u => u.Id == member.UserId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
                ConfirmRemoval = new Person(member.Id, name, member.Role, member.JoinedAt, false);
                return null;
            }

            await belonging.RemoveAsync(Group, member.Id, cancellationToken);
            return text["Groups.Manage.Removed"].Value;
        }, cancellationToken);

    /// <summary>Checks who is acting, runs the action, then shows the page again with what happened.</summary>
    private async Task<IActionResult> ActAsync(string slug, bool organisersOnly, Func<Task<string?>> action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (organisersOnly && !Access.IsOrganiser)
        {
            return Forbid();
        }

        Done = await action();
        if (Done is null && ModelState.ErrorCount == 0 && ConfirmRemoval is null)
        {
            // Nothing to act on: someone else got there first, or the form was tampered with.
            ModelState.AddModelError(string.Empty, text["Groups.Manage.NothingChanged"]);
        }

        if (!await LoadAsync(slug, cancellationToken))
        {
            // Just stepped down: back to the group's page, as a member.
            return Redirect($"/groups/{Group.Slug}");
        }

        await ListAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var found = await access.FindAsync(slug, User, cancellationToken);
        if (found is null || !found.CanOrganise)
        {
            return false;
        }

        Access = found;
        return true;
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var groupId = Group.Id;
        var myId = Access.Me!.Id;
        Members = await (from m in db.GroupMembers.AsNoTracking()
                         join u in db.Users on m.UserId equals u.Id
                         where m.GroupId == groupId
                         orderby m.Role descending, u.DisplayName
                         select new Person(m.Id, u.DisplayName, m.Role, m.JoinedAt, m.Id == myId)).ToListAsync(cancellationToken);
        var asking = await (from r in db.JoinRequests.AsNoTracking()
                            join u in db.Users on r.UserId equals u.Id
                            where r.GroupId == groupId && r.State != JoinRequestState.Declined
                            orderby r.CreatedAt, r.Id
                            select new Asking(r.Id, u.DisplayName, r.State, r.Message, r.CreatedAt, r.OfferedUntil)).ToListAsync(cancellationToken);
        Requests = [.. asking.Where(a => a.State == JoinRequestState.Requested)];
        Waiting = [.. asking.Where(a => a.State != JoinRequestState.Requested)];
        Invites = await db.GroupInvites.AsNoTracking()
            .Where(i => i.GroupId == groupId)
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync(cancellationToken);
        UnreadChats = await db.Conversations.CountAsync(
            c => c.GroupId == groupId && (c.OrganisersReadAt == null || c.OrganisersReadAt < c.LastMessageAt), cancellationToken);
    }
}
