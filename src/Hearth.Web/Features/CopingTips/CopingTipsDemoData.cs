using Hearth.Web.Data;
using Hearth.Web.Features.Demo;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.CopingTips;

/// <summary>Two Prestatyn tips: Jo's, shared with the network as "a member of" the group, and Robin's, kept in the group.</summary>
internal sealed class CopingTipsDemoData(TimeProvider clock) : IDemoData
{
    public int Order => 410;

    public async Task AddAsync(HearthDb db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var group = await db.Groups.SingleAsync(g => g.Slug == "prestatyn-withdrawal-support", cancellationToken);
        var people = await db.Users.ToDictionaryAsync(u => u.DisplayName, u => u.Id, cancellationToken);

        async Task TipAsync(string author, string title, string body, bool shared, params string[] tags)
        {
            var post = new Post
            {
                GroupId = group.Id,
                AuthorId = people[author],
                Body = body,
                BodyHtml = SafeMarkdown.ToHtml(body),
                Fingerprint = Posting.Fingerprint(body),
                CreatedAt = now.AddDays(-5),
            };
            db.Posts.Add(post);
            await db.SaveChangesAsync(cancellationToken);
            db.CopingTips.Add(new CopingTip { GroupId = group.Id, PostId = post.Id, Title = title, TagCodes = Vocabulary.Store(tags), SharedWithNetwork = shared, SignedAs = TipSignature.GroupMember });
        }

        await TipAsync("Jo", "A cold flannel when panic starts", "Cold water on my face and wrists, then breathing out for longer than in. It slows things down enough to think.", true, "panic", "grounding");
        await TipAsync("Robin", "Three small things a day", "On a bad day I write three small things to do (open the curtains, a shower, a walk to the post box) and tick them off. Enough is enough.", false, "low-mood", "routine", "withdrawal-symptoms");
        await db.SaveChangesAsync(cancellationToken);
    }
}
