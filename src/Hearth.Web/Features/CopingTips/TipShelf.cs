using Hearth.Web.Data;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.CopingTips;

/// <summary>A tip as one person sees it. How many found it helped is shown to its author alone.</summary>
public sealed record TipView(
    int Id,
    int PostId,
    string Title,
    string BodyHtml,
    IReadOnlyList<string> Tags,
    string Signature,
    string GroupName,
    string GroupSlug,
    bool Mine,
    bool HelpedMe,
    bool Saved,
    int? HelpedCount,
    bool Muted,
    string? ContentWarning,
    PostState State);

/// <summary>
/// Reading tips and the private marks on them ("this helped me too", "save to my toolkit"), shared by the group's
/// tips, the network's shared tips and a person's toolkit. A tip is seen by members of its group, or by anyone signed
/// in once shared with the network; never a held, hidden or deleted one (except by its author), never one from
/// someone blocked either way.
/// </summary>
public sealed class TipShelf(HearthDb db, Reading reading, TimeProvider clock)
{
    public const int PageSize = 50;

    public enum Scope
    {
        Group,
        Network,
        Toolkit,
    }

    public async Task<IReadOnlyList<TipView>> ReadAsync(Scope scope, int? groupId, string viewerId, string? tag, CancellationToken cancellationToken)
    {
        var filters = await reading.FiltersAsync(viewerId, cancellationToken);
        var blocked = filters.Blocked.ToList();
        var tips = Visible(viewerId).Where(x => x.Post.AuthorId == null || !blocked.Contains(x.Post.AuthorId));
        tips = scope switch
        {
            Scope.Group => tips.Where(x => x.Tip.GroupId == groupId && (x.Post.State == PostState.Published || x.Post.AuthorId == viewerId)),
            Scope.Network => tips.Where(x => x.Tip.SharedWithNetwork && x.Post.State == PostState.Published),
            _ => tips.Where(x => x.Post.State == PostState.Published && db.Toolkit.Any(e => e.UserId == viewerId && e.TipId == x.Tip.Id)),
        };
        if (tag is not null)
        {
            var needle = Vocabulary.Needle(tag);
            tips = tips.Where(x => EF.Functions.Like(x.Tip.TagCodes, needle));
        }

        var rows = await (from x in tips
                          join g in db.Groups on x.Tip.GroupId equals g.Id
                          join u in db.Users on x.Post.AuthorId equals u.Id into authors
                          from u in authors.DefaultIfEmpty()
                          orderby x.Post.CreatedAt descending, x.Tip.Id descending
                          select new
                          {
                              x.Tip.Id,
                              PostId = x.Post.Id,
                              x.Tip.Title,
                              x.Post.BodyHtml,
                              x.Post.Body,
                              x.Tip.TagCodes,
                              x.Tip.SignedAs,
                              Author = u == null ? "" : u.DisplayName,
                              x.Post.AuthorId,
                              GroupName = g.Name,
                              GroupSlug = g.Slug,
                              x.Post.ContentWarning,
                              x.Post.State,
                              HelpedMe = db.Reactions.Any(r => r.PostId == x.Post.Id && r.UserId == viewerId && r.Kind == ReactionKind.HelpedMe),
                              Saved = db.Toolkit.Any(e => e.UserId == viewerId && e.TipId == x.Tip.Id),
                              Helped = x.Post.AuthorId == viewerId ? db.Reactions.Count(r => r.PostId == x.Post.Id && r.Kind == ReactionKind.HelpedMe) : (int?)null,
                          }).Take(PageSize).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TipView(
            r.Id,
            r.PostId,
            r.Title,
            r.BodyHtml,
            [.. Vocabulary.Read(r.TagCodes)],
            // Within the group, members know each other's names; beyond it, the author chose.
            scope == Scope.Group || r.SignedAs == TipSignature.DisplayName ? r.Author : "",
            r.GroupName,
            r.GroupSlug,
            r.AuthorId == viewerId,
            r.HelpedMe,
            r.Saved,
            r.Helped,
            r.AuthorId != viewerId && filters.IsMuted(r.Body),
            r.ContentWarning,
            r.State))];
    }

    /// <summary>The tip if the viewer may see it (its group's member, or shared with the network, and published).</summary>
    public async Task<(CopingTip Tip, Post Post)?> FindAsync(int tipId, string viewerId, CancellationToken cancellationToken)
    {
        var found = await Visible(viewerId).Where(x => x.Tip.Id == tipId && x.Post.State == PostState.Published).SingleOrDefaultAsync(cancellationToken);
        if (found is null || (found.Post.AuthorId is { } author && await db.Blocks.AnyAsync(b => (b.BlockerId == viewerId && b.BlockedId == author) || (b.BlockerId == author && b.BlockedId == viewerId), cancellationToken)))
        {
            return null;
        }

        return (found.Tip, found.Post);
    }

    /// <summary>"This helped me too": false if already said.</summary>
    public async Task<bool> HelpedAsync(Post post, string viewerId, CancellationToken cancellationToken)
    {
        db.Reactions.Add(new Reaction { PostId = post.Id, UserId = viewerId, Kind = ReactionKind.HelpedMe, CreatedAt = clock.GetUtcNow().UtcDateTime });
        return await SaveOnceAsync(cancellationToken);
    }

    public Task UnhelpedAsync(Post post, string viewerId, CancellationToken cancellationToken) =>
        db.Reactions.Where(r => r.PostId == post.Id && r.UserId == viewerId && r.Kind == ReactionKind.HelpedMe).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Save to my toolkit: false if already saved.</summary>
    public async Task<bool> SaveAsync(CopingTip tip, string viewerId, CancellationToken cancellationToken)
    {
        db.Toolkit.Add(new ToolkitEntry { TipId = tip.Id, UserId = viewerId, SavedAt = clock.GetUtcNow().UtcDateTime });
        return await SaveOnceAsync(cancellationToken);
    }

    public Task UnsaveAsync(int tipId, string viewerId, CancellationToken cancellationToken) =>
        db.Toolkit.Where(e => e.TipId == tipId && e.UserId == viewerId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Built with an initialiser, not a constructor, so EF can keep composing queries over it.</summary>
    private sealed class Pair
    {
        public required CopingTip Tip { get; init; }

        public required Post Post { get; init; }
    }

    private IQueryable<Pair> Visible(string viewerId) =>
        from t in db.CopingTips.AsNoTracking()
        join p in db.Posts.AsNoTracking() on t.PostId equals p.Id
        where p.DeletedAt == null && (t.SharedWithNetwork || db.GroupMembers.Any(m => m.GroupId == t.GroupId && m.UserId == viewerId))
        select new Pair { Tip = t, Post = p };

    private async Task<bool> SaveOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
