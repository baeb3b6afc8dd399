using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.HelpNow;

/// <summary>Open to everyone, always: never behind an account, never rate limited.</summary>
[DisableRateLimiting]
public sealed class IndexModel(IOptions<SafetyOptions> safety) : PageModel
{
    public IReadOnlyList<Helpline> Emergency { get; } = [.. safety.Value.Helplines.Where(h => h.IsEmergency)];

    public IReadOnlyList<Helpline> TalkNow { get; } = [.. safety.Value.Helplines.Where(h => !h.IsEmergency)];
}
