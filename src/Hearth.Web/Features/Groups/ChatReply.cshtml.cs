using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Groups;

/// <summary>One conversation, for the group's organisers and co-organisers, who reply on the group's behalf.</summary>
public sealed class ChatReplyModel(HearthDb db, GroupAccess access, ChatThreads threads, UserManager<Accounts.HearthUser> users, IStringLocalizer<Strings> text) : PageModel
{
    public Group Group { get; private set; } = null!;

    public string Person { get; private set; } = "";

    public IReadOnlyList<ChatLine> Lines { get; private set; } = [];

    [BindProperty]
    public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, int id, CancellationToken cancellationToken)
    {
        var conversation = await LoadAsync(slug, id, cancellationToken);
        if (conversation is null)
        {
            return NotFound();
        }

        await threads.MarkReadAsync(conversation.Id, byOrganisers: true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int id, CancellationToken cancellationToken)
    {
        var conversation = await LoadAsync(slug, id, cancellationToken);
        if (conversation is null)
        {
            return NotFound();
        }

        if (!ChatText.Check(Body, nameof(Body), ModelState, text))
        {
            return Page();
        }

        await threads.SendAsync(Group, conversation, users.GetUserId(User)!, fromOrganisers: true, Body!, cancellationToken);
        return Redirect($"/groups/{Group.Slug}/chats/{conversation.Id}?sent=1#latest");
    }

    private async Task<Conversation?> LoadAsync(string slug, int id, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(slug, User, cancellationToken);
        if (found is null || !found.CanOrganise)
        {
            return null;
        }

        Group = found.Group;
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.GroupId == Group.Id, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        Person = await db.Users.Where(u => u.Id == conversation.PersonId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        Lines = await threads.ReadAsync(conversation.Id, users.GetUserId(User)!, cancellationToken);
        return conversation;
    }
}
