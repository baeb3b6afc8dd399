using Hearth.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Discussion;

/// <summary>A post as one person sees it: blocked people's posts never reach here; reaction counts only for its author.</summary>
public sealed record PostView(
    int Id,
    string Author,
    bool Mine,
    bool IsOpening,
    string BodyHtml,
    string? ContentWarning,
    DateTime CreatedAt,
    DateTime? EditedAt,
    bool Deleted,
    PostState State,
    bool Muted,
    IReadOnlySet<ReactionKind> MyReactions,
    IReadOnlyDictionary<ReactionKind, int>? Counts);

/// <summary>What a viewer may not see: the people they blocked or who blocked them, and the words they muted.</summary>
public sealed record Filters(IReadOnlySet<string> Blocked, IReadOnlyList<string> MutedWords)
{
    public bool IsMuted(string body)
    {
        foreach (var word in MutedWords)
        {
            if (body.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

public sealed class Reading(HearthDb db)
{
    /// <summary>Both directions of every block that involves the viewer, and their muted words.</summary>
    public async Task<Filters> FiltersAsync(string viewerId, CancellationToken cancellationToken)
    {
        var blocked = await db.Blocks.AsNoTracking()
            .Where(b => b.BlockerId == viewerId || b.BlockedId == viewerId)
            .Select(b => b.BlockerId == viewerId ? b.BlockedId : b.BlockerId)
            .ToListAsync(cancellationToken);
        var muted = await db.Users.AsNoTracking().Where(u => u.Id == viewerId).Select(u => u.MutedWords).SingleOrDefaultAsync(cancellationToken);
        return new Filters(blocked.ToHashSet(StringComparer.Ordinal), MutedWordList(muted));
    }

    public static IReadOnlyList<string> MutedWordList(string? muted) =>
        muted is null ? [] : [.. muted.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(w => w.Length > 0)];

    /// <summary>
    /// A page of a topic's posts in the order written. Held posts are seen by their author alone; hidden and deleted
    /// posts keep their place without their words.
    /// </summary>
    public async Task<IReadOnlyList<PostView>> PostsAsync(int topicId, string viewerId, Filters filters, int skip, int take, CancellationToken cancellationToken)
    {
        var rows = await (from p in db.Posts.AsNoTracking()
                          join u in db.Users on p.AuthorId equals u.Id into authors
                          from u in authors.DefaultIfEmpty()
                          where p.TopicId == topicId && (p.State != PostState.Held || p.AuthorId == viewerId)
                          orderby p.CreatedAt, p.Id
                          select new
                          {
                              p.Id,
                              p.AuthorId,
                              Author = u == null ? null : u.DisplayName,
                              p.IsOpening,
                              p.Body,
                              p.BodyHtml,
                              p.ContentWarning,
                              p.CreatedAt,
                              p.EditedAt,
                              p.DeletedAt,
                              p.State,
                          }).Skip(skip).Take(take).ToListAsync(cancellationToken);
        rows.RemoveAll(r => r.AuthorId is not null && filters.Blocked.Contains(r.AuthorId));
        var ids = rows.Select(r => r.Id).ToList();
        var mine = rows.Where(r => r.AuthorId == viewerId).Select(r => r.Id).ToList();
        var myReactions = await db.Reactions.AsNoTracking().Where(r => r.UserId == viewerId && ids.Contains(r.PostId))
            .Select(r => new { r.PostId, r.Kind }).ToListAsync(cancellationToken);
        var counts = mine.Count == 0 ? [] : await db.Reactions.AsNoTracking().Where(r => mine.Contains(r.PostId))
            .GroupBy(r => new { r.PostId, r.Kind }).Select(g => new { g.Key.PostId, g.Key.Kind, Count = g.Count() }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PostView(
            r.Id,
            r.Author ?? "",
            r.AuthorId == viewerId,
            r.IsOpening,
            r.DeletedAt is null ? r.BodyHtml : "",
            r.DeletedAt is null ? r.ContentWarning : null,
            r.CreatedAt,
            r.EditedAt,
            r.DeletedAt is not null,
            r.State,
            r.DeletedAt is null && r.AuthorId != viewerId && filters.IsMuted(r.Body),
            myReactions.Where(x => x.PostId == r.Id).Select(x => x.Kind).ToHashSet(),
            r.AuthorId == viewerId ? counts.Where(c => c.PostId == r.Id).ToDictionary(c => c.Kind, c => c.Count) : null))];
    }
}
