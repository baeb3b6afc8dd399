using System.Text.Json;
using Hearth.Web.Data;
using Hearth.Web.Features.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// A group's page, open to anyone: what it is and who it is for, what it is not, where it meets and how to join.
/// Unlisted groups are reachable by their link but ask search engines not to index them and carry no structured data.
/// </summary>
public sealed class DetailsModel(HearthDb db, IOptions<MailOptions> mail, IHostEnvironment environment) : PageModel
{
    public Group Group { get; private set; } = null!;

    public string? CanonicalUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var wanted = slug.ToLowerInvariant();
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == wanted, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }

        Group = group;
        var origin = PublicAddress.Origin(mail.Value, environment, Request);
        CanonicalUrl = origin is null ? null : $"{origin}/groups/{group.Slug}";
        return Page();
    }

    /// <summary>schema.org Organization for listed groups; System.Text.Json escapes "&lt;", so it cannot close the script element.</summary>
    public string StructuredData() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Organization",
        ["name"] = Group.Name,
        ["description"] = Group.Summary,
        ["url"] = CanonicalUrl,
        ["areaServed"] = Group.Town,
        ["knowsLanguage"] = Group.Languages.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
    });
}
