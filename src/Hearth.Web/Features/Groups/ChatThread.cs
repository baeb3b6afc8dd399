using Hearth.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>One "come for a chat first" conversation as either side sees it: messages signed by display name only.</summary>
public sealed record ChatLine(string Author, bool FromOrganisers, string Body, DateTime SentAt, bool Mine);

public sealed class ChatThreads(HearthDb db, GroupNotices notices, TimeProvider clock)
{
    public async Task<IReadOnlyList<ChatLine>> ReadAsync(int conversationId, string viewerId, CancellationToken cancellationToken) =>
        await (from m in db.ConversationMessages.AsNoTracking()
               join u in db.Users on m.AuthorId equals u.Id into authors
               from u in authors.DefaultIfEmpty()
               where m.ConversationId == conversationId
               orderby m.SentAt, m.Id
               select new ChatLine(u == null ? "" : u.DisplayName, m.FromOrganisers, m.Body, m.SentAt, m.AuthorId == viewerId)).ToListAsync(cancellationToken);

    /// <summary>Adds a message and tells the other side, content-free unless they chose otherwise.</summary>
    public async Task SendAsync(Group group, Conversation conversation, string authorId, bool fromOrganisers, string body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.ConversationMessages.Add(new ConversationMessage
        {
            ConversationId = conversation.Id,
            AuthorId = authorId,
            FromOrganisers = fromOrganisers,
            Body = body.Trim(),
            SentAt = now,
        });
        // Writing to a conversation means having read it.
        var thread = db.Conversations.Where(c => c.Id == conversation.Id);
        await (fromOrganisers
            ? thread.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageAt, now).SetProperty(c => c.OrganisersReadAt, now), cancellationToken)
            : thread.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageAt, now).SetProperty(c => c.PersonReadAt, now), cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        if (fromOrganisers)
        {
            await notices.SendAsync(group, [conversation.PersonId], GroupNotice.Message, $"/groups/{group.Slug}/chat", cancellationToken);
        }
        else
        {
            await notices.ToOrganisersAsync(group, GroupNotice.Message, $"/groups/{group.Slug}/chats/{conversation.Id}", cancellationToken);
        }
    }

    public Task MarkReadAsync(int conversationId, bool byOrganisers, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var conversation = db.Conversations.Where(c => c.Id == conversationId);
        return byOrganisers
            ? conversation.ExecuteUpdateAsync(s => s.SetProperty(c => c.OrganisersReadAt, now), cancellationToken)
            : conversation.ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonReadAt, now), cancellationToken);
    }
}
