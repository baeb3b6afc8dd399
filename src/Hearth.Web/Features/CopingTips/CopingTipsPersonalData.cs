using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.CopingTips;

/// <summary>
/// A person's tips (title, tags, how they are shared; the words are in the discussion section) and their toolkit.
/// The toolkit goes with the account; tips follow the person's choice for what they wrote, like posts.
/// </summary>
internal sealed class CopingTipsPersonalData(HearthDb db) : IPersonalData
{
    public string Section => "copingTips";

    public async Task<object?> ExportAsync(string userId, CancellationToken cancellationToken)
    {
        var written = await (from t in db.CopingTips.AsNoTracking()
                             join p in db.Posts on t.PostId equals p.Id
                             where p.AuthorId == userId && p.DeletedAt == null
                             orderby p.CreatedAt
                             select new { t.Title, t.TagCodes, t.SharedWithNetwork, SignedAs = t.SignedAs.ToString(), p.Body, p.CreatedAt }).ToListAsync(cancellationToken);
        var toolkit = await (from e in db.Toolkit.AsNoTracking()
                             join t in db.CopingTips on e.TipId equals t.Id
                             where e.UserId == userId
                             orderby e.SavedAt
                             select new { t.Title, e.SavedAt }).ToListAsync(cancellationToken);
        return new { written, toolkit };
    }

    public async Task EraseAsync(string userId, bool eraseContributions, CancellationToken cancellationToken)
    {
        if (eraseContributions)
        {
            // The words go with the post (discussion section); the title is theirs too.
            await db.CopingTips.Where(t => db.Posts.Any(p => p.Id == t.PostId && p.AuthorId == userId)).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
