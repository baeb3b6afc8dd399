using System.Text.Json;
using Hearth.Web.Data;
using Hearth.Web.Features.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// A group's page, open to anyone: what it is and who it is for, what it is not, where it meets and how to join.
/// Unlisted groups are reachable by their link but ask search engines not to index them and carry no structured data.
/// </summary>
public sealed class DetailsModel(HearthDb db, Belonging belonging, Meetings.MeetingCalendar calendar, UserManager<Accounts.HearthUser> users, IOptions<MailOptions> mail, IHostEnvironment environment) : PageModel
{
    public sealed record Member(string DisplayName, GroupRole Role);

    public Group Group { get; private set; } = null!;

    /// <summary>The viewer's own membership, if any. Only members see who else belongs and the full address.</summary>
    public GroupMember? Mine { get; private set; }

    public IReadOnlyList<Member> Members { get; private set; } = [];

    public IReadOnlyList<string> Organisers { get; private set; } = [];

    public string? CanonicalUrl { get; private set; }

    /// <summary>The next three meetings (cancelled ones shown as cancelled).</summary>
    public IReadOnlyList<Meetings.Occurrence> NextMeetings { get; private set; } = [];

    /// <summary>At capacity: newcomers join a waiting list. (How many belong is not shown, only that it is full.)</summary>
    public bool IsFull { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var wanted = slug.ToLowerInvariant();
        var found = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == wanted, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Group = found;
        // Organisers' display names are public, so a newcomer knows who they will meet.
        Organisers = await (from m in db.GroupMembers.AsNoTracking()
                            join u in db.Users on m.UserId equals u.Id
                            where m.GroupId == found.Id && m.Role == GroupRole.Organiser
                            orderby u.DisplayName
                            select u.DisplayName).ToListAsync(cancellationToken);
        var userId = users.GetUserId(User);
        Mine = userId is null ? null : await db.GroupMembers.AsNoTracking().SingleOrDefaultAsync(m => m.GroupId == found.Id && m.UserId == userId, cancellationToken);
        if (Mine is not null)
        {
            Members = await (from m in db.GroupMembers.AsNoTracking()
                             join u in db.Users on m.UserId equals u.Id
                             where m.GroupId == found.Id
                             orderby m.Role descending, u.DisplayName
                             select new Member(u.DisplayName, m.Role)).ToListAsync(cancellationToken);
        }
        else
        {
            IsFull = await belonging.IsFullAsync(found, userId, cancellationToken);
        }

        NextMeetings = (await calendar.UpcomingAsync(found.Id, 62, cancellationToken)).Take(3).ToList();
        var origin = PublicAddress.Origin(mail.Value, environment, Request);
        CanonicalUrl = origin is null ? null : $"{origin}/groups/{found.Slug}";
        return Page();
    }

    /// <summary>schema.org Organization for listed groups; System.Text.Json escapes "&lt;", so it cannot close the script element.</summary>
    public string StructuredData() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Organization",
        ["name"] = Group.Name,
        ["description"] = Group.Summary,
        ["url"] = CanonicalUrl,
        ["areaServed"] = Group.Town,
        ["knowsLanguage"] = Group.Languages.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
    });
}
