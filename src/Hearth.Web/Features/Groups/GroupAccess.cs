using System.Security.Claims;
using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>A group found by its address, with the viewer's own membership of it (null for everyone else).</summary>
public sealed record GroupAndMe(Group Group, GroupMember? Me)
{
    public bool CanOrganise => Me?.CanOrganise == true;

    public bool IsOrganiser => Me?.Role == GroupRole.Organiser;
}

public sealed class GroupAccess(HearthDb db, UserManager<Accounts.HearthUser> users)
{
    public async Task<GroupAndMe?> FindAsync(string slug, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var wanted = slug.ToLowerInvariant();
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == wanted, cancellationToken);
        if (group is null)
        {
            return null;
        }

        var userId = users.GetUserId(viewer);
        var me = userId is null ? null
            : await db.GroupMembers.AsNoTracking().SingleOrDefaultAsync(m => m.GroupId == group.Id && m.UserId == userId, cancellationToken);
        return new GroupAndMe(group, me);
    }
}
