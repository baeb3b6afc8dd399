using Hearth.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

public enum JoinOutcome
{
    Joined,
    WaitingList,
    AlreadyMember,
    AlreadyWaiting,
}

/// <summary>
/// Who belongs to a group and how people get in: joining, the waiting list and the places it offers, requests
/// to closed groups, leaving and removal. Pages decide who may do what; this keeps the rules in one place.
/// </summary>
public sealed class Belonging(HearthDb db, GroupNotices notices, TimeProvider clock)
{
    /// <summary>How long a free place is held for the next person on the waiting list.</summary>
    public static readonly TimeSpan OfferLasts = TimeSpan.FromDays(7);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Members plus places held for people on the waiting list.</summary>
    public async Task<int> TakenPlacesAsync(int groupId, string? exceptUserId, CancellationToken cancellationToken)
    {
        var now = Now;
        var members = await db.GroupMembers.CountAsync(m => m.GroupId == groupId, cancellationToken);
        var held = await db.JoinRequests.CountAsync(
            r => r.GroupId == groupId && r.State == JoinRequestState.Offered && r.OfferedUntil > now && r.UserId != exceptUserId, cancellationToken);
        return members + held;
    }

    public async Task<bool> IsFullAsync(Group group, string? forUserId, CancellationToken cancellationToken) =>
        group.Capacity is { } capacity && await TakenPlacesAsync(group.Id, forUserId, cancellationToken) >= capacity;

    /// <summary>
    /// Joins the person, who has accepted the current agreement, or puts them on the waiting list when the group is
    /// full. A place offered to them is theirs to take. Pages check the join policy (or invite) before calling.
    /// </summary>
    public async Task<JoinOutcome> JoinAsync(Group group, string userId, CancellationToken cancellationToken)
    {
        if (await db.GroupMembers.AnyAsync(m => m.GroupId == group.Id && m.UserId == userId, cancellationToken))
        {
            return JoinOutcome.AlreadyMember;
        }

        var request = await db.JoinRequests.SingleOrDefaultAsync(r => r.GroupId == group.Id && r.UserId == userId, cancellationToken);
        if (await IsFullAsync(group, userId, cancellationToken))
        {
            if (request is { State: JoinRequestState.Waiting or JoinRequestState.Offered })
            {
                return JoinOutcome.AlreadyWaiting;
            }

            if (request is null)
            {
                request = new JoinRequest { GroupId = group.Id, UserId = userId };
                db.JoinRequests.Add(request);
            }

            request.State = JoinRequestState.Waiting;
            request.CreatedAt = Now;
            request.AgreementVersionAccepted = group.AgreementVersion;
            request.OfferedUntil = null;
            request.DeclineReason = null;
            request.DecidedAt = null;
            return await SaveAsync(JoinOutcome.WaitingList, JoinOutcome.AlreadyWaiting, cancellationToken);
        }

        if (request is not null)
        {
            db.JoinRequests.Remove(request);
        }

        db.GroupMembers.Add(new GroupMember
        {
            GroupId = group.Id,
            UserId = userId,
            Role = GroupRole.Member,
            JoinedAt = Now,
            AgreementVersionAccepted = group.AgreementVersion,
        });
        return await SaveAsync(JoinOutcome.Joined, JoinOutcome.AlreadyMember, cancellationToken);
    }

    /// <summary>Asks to join a closed group. Returns false if they already belong or have asked.</summary>
    public async Task<bool> RequestAsync(Group group, string userId, string? message, CancellationToken cancellationToken)
    {
        if (await db.GroupMembers.AnyAsync(m => m.GroupId == group.Id && m.UserId == userId, cancellationToken))
        {
            return false;
        }

        var request = await db.JoinRequests.SingleOrDefaultAsync(r => r.GroupId == group.Id && r.UserId == userId, cancellationToken);
        if (request is { State: not JoinRequestState.Declined })
        {
            return false;
        }

        if (request is null)
        {
            request = new JoinRequest { GroupId = group.Id, UserId = userId };
            db.JoinRequests.Add(request);
        }

        request.State = JoinRequestState.Requested;
        request.Message = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        request.CreatedAt = Now;
        request.AgreementVersionAccepted = group.AgreementVersion;
        request.DeclineReason = null;
        request.DecidedAt = null;
        if (!await SaveAsync(true, false, cancellationToken))
        {
            return false;
        }

        await notices.ToOrganisersAsync(group, GroupNotice.RequestReceived, $"/groups/{group.Slug}/manage", cancellationToken);
        return true;
    }

    /// <summary>Organisers say yes: the person joins, or goes on the waiting list if the group is full.</summary>
    public async Task<JoinOutcome?> AcceptAsync(Group group, int requestId, CancellationToken cancellationToken)
    {
        var request = await db.JoinRequests.SingleOrDefaultAsync(
            r => r.Id == requestId && r.GroupId == group.Id && r.State == JoinRequestState.Requested, cancellationToken);
        if (request is null)
        {
            return null;
        }

        if (await IsFullAsync(group, request.UserId, cancellationToken))
        {
            request.State = JoinRequestState.Waiting;
            request.DecidedAt = Now;
            await db.SaveChangesAsync(cancellationToken);
            await notices.SendAsync(group, [request.UserId], GroupNotice.RequestAccepted, $"/groups/{group.Slug}/membership", cancellationToken);
            return JoinOutcome.WaitingList;
        }

        db.JoinRequests.Remove(request);
        db.GroupMembers.Add(new GroupMember
        {
            GroupId = group.Id,
            UserId = request.UserId,
            Role = GroupRole.Member,
            JoinedAt = Now,
            AgreementVersionAccepted = request.AgreementVersionAccepted,
        });
        await db.SaveChangesAsync(cancellationToken);
        await notices.SendAsync(group, [request.UserId], GroupNotice.RequestAccepted, $"/groups/{group.Slug}", cancellationToken);
        return JoinOutcome.Joined;
    }

    public async Task<bool> DeclineAsync(Group group, int requestId, string reason, CancellationToken cancellationToken)
    {
        var request = await db.JoinRequests.SingleOrDefaultAsync(
            r => r.Id == requestId && r.GroupId == group.Id && r.State == JoinRequestState.Requested, cancellationToken);
        if (request is null || !DeclineReasons.All.Contains(reason))
        {
            return false;
        }

        request.State = JoinRequestState.Declined;
        request.DeclineReason = reason;
        request.DecidedAt = Now;
        request.Message = null;
        await db.SaveChangesAsync(cancellationToken);
        await notices.SendAsync(group, [request.UserId], GroupNotice.RequestDeclined, $"/groups/{group.Slug}/membership", cancellationToken);
        return true;
    }

    /// <summary>Withdraws a request or leaves the waiting list (or lets an offered place go to the next person).</summary>
    public async Task WithdrawAsync(Group group, string userId, CancellationToken cancellationToken)
    {
        await db.JoinRequests.Where(r => r.GroupId == group.Id && r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await OfferFreePlacesAsync(group, cancellationToken);
    }

    /// <summary>Removes a membership (leaving or being removed) and offers the freed place to the next person waiting.</summary>
    public async Task RemoveAsync(Group group, int memberId, CancellationToken cancellationToken)
    {
        await db.GroupMembers.Where(m => m.Id == memberId && m.GroupId == group.Id).ExecuteDeleteAsync(cancellationToken);
        await OfferFreePlacesAsync(group, cancellationToken);
    }

    /// <summary>
    /// Lets lapsed offers go, then offers each free place to the next person on the waiting list (in the order they
    /// joined it) and tells them. Runs whenever a place may have come free, and whenever the list is looked at.
    /// </summary>
    public async Task OfferFreePlacesAsync(Group group, CancellationToken cancellationToken)
    {
        var now = Now;
        await db.JoinRequests
            .Where(r => r.GroupId == group.Id && r.State == JoinRequestState.Offered && r.OfferedUntil <= now)
            .ExecuteDeleteAsync(cancellationToken);
        var free = group.Capacity is { } capacity
            ? capacity - await TakenPlacesAsync(group.Id, null, cancellationToken)
            : int.MaxValue;
        if (free <= 0)
        {
            return;
        }

        var next = await db.JoinRequests
            .Where(r => r.GroupId == group.Id && r.State == JoinRequestState.Waiting)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(Math.Min(free, 50))
            .ToListAsync(cancellationToken);
        foreach (var request in next)
        {
            request.State = JoinRequestState.Offered;
            request.OfferedUntil = now + OfferLasts;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (next.Count > 0)
        {
            await notices.SendAsync(group, next.Select(r => r.UserId), GroupNotice.PlaceOffered, $"/groups/{group.Slug}/membership", cancellationToken);
        }
    }

    /// <summary>Position on the waiting list, from 1; null if not waiting.</summary>
    public async Task<int?> PlaceInQueueAsync(JoinRequest request, CancellationToken cancellationToken) =>
        request.State != JoinRequestState.Waiting
            ? null
            : 1 + await db.JoinRequests.CountAsync(
                r => r.GroupId == request.GroupId && r.State == JoinRequestState.Waiting
                    && (r.CreatedAt < request.CreatedAt || (r.CreatedAt == request.CreatedAt && r.Id < request.Id)),
                cancellationToken);

    private async Task<T> SaveAsync<T>(T done, T raced, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return done;
        }
        catch (DbUpdateException)
        {
            // Two tabs at once: the unique index kept one row.
            db.ChangeTracker.Clear();
            return raced;
        }
    }
}
