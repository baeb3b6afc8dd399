using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Accounts;

/// <summary>Download everything Hearth holds about me: one zip with JSON and a readable HTML page.</summary>
public sealed class ExportModel(UserManager<HearthUser> users, PersonalDataExport export, SecurityLog securityLog, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var now = clock.GetUtcNow().UtcDateTime;
        await securityLog.RecordAsync(userId, SecurityEventKind.DataExported, cancellationToken: cancellationToken);
        var zip = await export.CreateZipAsync(userId, now, cancellationToken);
        return File(zip, "application/zip", $"hearth-data-{now:yyyy-MM-dd}.zip");
    }
}
