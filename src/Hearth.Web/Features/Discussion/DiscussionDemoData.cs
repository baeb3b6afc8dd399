using Hearth.Web.Data;
using Hearth.Web.Features.Demo;
using Hearth.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Discussion;

/// <summary>
/// Demo discussion in the Prestatyn group: a pinned announcement from Robin, and a topic from Sam with replies from
/// Jo and Robin, one of them behind a content warning.
/// </summary>
internal sealed class DiscussionDemoData(TimeProvider clock) : IDemoData
{
    public int Order => 400;

    public async Task AddAsync(HearthDb db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var group = await db.Groups.SingleAsync(g => g.Slug == "prestatyn-withdrawal-support", cancellationToken);
        var people = await db.Users.ToDictionaryAsync(u => u.DisplayName, u => u.Id, cancellationToken);

        var announcement = new Topic { GroupId = group.Id, AuthorId = people["Robin"], Title = "No meeting on the 14th: the hall is closed", IsAnnouncement = true, CreatedAt = now.AddDays(-3), LastPostAt = now.AddDays(-3) };
        var sleep = new Topic { GroupId = group.Id, AuthorId = people["Sam"], Title = "Sleep during a taper step", CreatedAt = now.AddDays(-2), LastPostAt = now.AddHours(-5) };
        db.Topics.AddRange(announcement, sleep);
        await db.SaveChangesAsync(cancellationToken);

        Post Write(Topic topic, string author, string body, DateTime at, bool opening = false, string? warning = null) => new()
        {
            GroupId = group.Id,
            TopicId = topic.Id,
            AuthorId = people[author],
            Body = body,
            BodyHtml = SafeMarkdown.ToHtml(body),
            ContentWarning = warning,
            Fingerprint = Posting.Fingerprint(body),
            IsOpening = opening,
            CreatedAt = at,
        };

        db.Posts.AddRange(
            Write(announcement, "Robin", "The church hall is closed for repairs, so there is **no meeting on the 14th**. We meet as usual the week after. The online chat on Monday is still on.", now.AddDays(-3), opening: true),
            Write(sleep, "Sam", "I dropped 10% last week and sleep has gone to pieces. What has helped you through the first fortnight of a step?", now.AddDays(-2), opening: true),
            Write(sleep, "Jo", "A fixed time to get up, whatever the night was like. And no screens after ten. It does settle, usually within two or three weeks.", now.AddDays(-2).AddHours(3)),
            Write(sleep, "Robin", "Last winter's step was the hardest for me: nights of panic and feeling I couldn't go on. Writing it down for my prescriber helped, and so did this group. It passed.", now.AddHours(-5), warning: "a hard time during withdrawal"));
        await db.SaveChangesAsync(cancellationToken);
    }
}
