using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.CopingTips;

/// <summary>Tips their authors shared with the whole network, for anyone signed in; signed as each author chose.</summary>
public sealed class NetworkModel(TipShelf shelf, UserManager<Accounts.HearthUser> users) : PageModel
{
    public IReadOnlyList<TipView> Tips { get; private set; } = [];

    public string? Tag { get; private set; }

    public async Task OnGetAsync(string? tag, CancellationToken cancellationToken)
    {
        Tag = CopingTip.Tags.Contains(tag) ? tag : null;
        Tips = await shelf.ReadAsync(TipShelf.Scope.Network, null, users.GetUserId(User)!, Tag, cancellationToken);
    }
}
