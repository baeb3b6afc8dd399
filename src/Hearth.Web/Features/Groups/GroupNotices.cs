using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

public enum GroupNotice
{
    RequestReceived,
    RequestAccepted,
    RequestDeclined,
    PlaceOffered,
    Message,

    /// <summary>A meeting someone said they would go to was cancelled or restored.</summary>
    MeetingChanged,

    /// <summary>A place came free at a full meeting and the first person waiting now has it.</summary>
    MeetingPlace,
}

/// <summary>
/// Emails about a group: content-free (no group, no names, no words) unless the person chose otherwise on
/// their notifications page, and none at all for a group they are taking a break from.
/// </summary>
public sealed class GroupNotices(HearthDb db, AccountEmails emails, TimeProvider clock)
{
    /// <summary>Where a content-free email leads: the person's own groups, requests and conversations.</summary>
    public const string ContentFreePath = "/groups/mine";

    public async Task SendAsync(Group group, IEnumerable<string> userIds, GroupNotice notice, string path, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var onBreak = await db.GroupMembers.AsNoTracking()
            .Where(m => m.GroupId == group.Id && ids.Contains(m.UserId) && m.BreakUntil > now)
            .Select(m => m.UserId).ToListAsync(cancellationToken);
        var people = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && !onBreak.Contains(u.Id) && u.EmailConfirmed && u.Email != null)
            .Select(u => new { u.Email, u.EmailsIncludeDetails }).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            if (person.EmailsIncludeDetails)
            {
                emails.Notice(person.Email!, $"Email.Group.{notice}.Subject", $"Email.Group.{notice}.Body", path, group.Name);
            }
            else
            {
                // Not the page itself: its address names the group. "My groups" leads to everything these emails are about.
                emails.Notice(person.Email!, "Email.Group.Subject", "Email.Group.Body", ContentFreePath);
            }
        }
    }

    /// <summary>Everyone who helps run the group, for requests and first chats.</summary>
    public async Task ToOrganisersAsync(Group group, GroupNotice notice, string path, CancellationToken cancellationToken)
    {
        var organisers = await db.GroupMembers.AsNoTracking()
            .Where(m => m.GroupId == group.Id && (m.Role == GroupRole.Organiser || m.Role == GroupRole.CoOrganiser))
            .Select(m => m.UserId).ToListAsync(cancellationToken);
        await SendAsync(group, organisers, notice, path, cancellationToken);
    }
}
