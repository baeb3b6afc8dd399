using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.CopingTips;

/// <summary>"My toolkit": the tips a person saved, for them alone.</summary>
public sealed class ToolkitModel(TipShelf shelf, UserManager<Accounts.HearthUser> users) : PageModel
{
    public IReadOnlyList<TipView> Tips { get; private set; } = [];

    public string? Tag { get; private set; }

    public async Task OnGetAsync(string? tag, CancellationToken cancellationToken)
    {
        Tag = CopingTip.Tags.Contains(tag) ? tag : null;
        Tips = await shelf.ReadAsync(TipShelf.Scope.Toolkit, null, users.GetUserId(User)!, Tag, cancellationToken);
    }
}
