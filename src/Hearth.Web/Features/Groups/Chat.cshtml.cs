using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// "Come for a chat first": a signed-in person writes to a group's organisers and reads their replies. Only the
/// person and the organisers see it; emails about it say only that there is something new.
/// </summary>
public sealed class ChatModel(HearthDb db, GroupAccess access, ChatThreads threads, UserManager<Accounts.HearthUser> users, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    public Group Group { get; private set; } = null!;

    public IReadOnlyList<ChatLine> Lines { get; private set; } = [];

    [BindProperty]
    public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        var conversation = await FindConversationAsync(cancellationToken);
        if (conversation is not null)
        {
            Lines = await threads.ReadAsync(conversation.Id, users.GetUserId(User)!, cancellationToken);
            await threads.MarkReadAsync(conversation.Id, byOrganisers: false, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        var userId = users.GetUserId(User)!;
        if (!ChatText.Check(Body, nameof(Body), ModelState, text))
        {
            var existing = await FindConversationAsync(cancellationToken);
            Lines = existing is null ? [] : await threads.ReadAsync(existing.Id, userId, cancellationToken);
            return Page();
        }

        var conversation = await FindConversationAsync(cancellationToken);
        if (conversation is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            conversation = new Conversation { GroupId = Group.Id, PersonId = userId, StartedAt = now, LastMessageAt = now };
            db.Conversations.Add(conversation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Started in another tab a moment ago: write into that one.
                db.ChangeTracker.Clear();
                conversation = (await FindConversationAsync(cancellationToken))!;
            }
        }

        await threads.SendAsync(Group, conversation, userId, fromOrganisers: false, Body!, cancellationToken);
        return Redirect($"/groups/{Group.Slug}/chat?sent=1#latest");
    }

    /// <summary>Not found for an unknown group; organisers are sent to their list of conversations; otherwise null.</summary>
    private async Task<IActionResult?> RefuseAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(slug, User, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        if (found.CanOrganise)
        {
            return Redirect($"/groups/{found.Group.Slug}/chats");
        }

        Group = found.Group;
        return null;
    }

    private Task<Conversation?> FindConversationAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        return db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.GroupId == Group.Id && c.PersonId == userId, cancellationToken);
    }
}

/// <summary>The rules for a chat message, shared by both sides.</summary>
public static class ChatText
{
    public static bool Check(string? body, string field, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary errors, IStringLocalizer<Strings> text)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            errors.AddModelError(field, text["Groups.Chat.Empty"]);
        }
        else if (body.Trim().Length > ConversationMessage.BodyMaxLength)
        {
            errors.AddModelError(field, text["Groups.Form.TooLong", ConversationMessage.BodyMaxLength, body.Trim().Length]);
        }

        return errors.ErrorCount == 0;
    }
}
