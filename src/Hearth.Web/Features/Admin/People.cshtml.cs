using System.ComponentModel.DataAnnotations;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Admin;

/// <summary>
/// Network admins grant and remove network roles. People are listed by display name only: admins never see
/// anyone's email address. The last admin cannot remove their own admin role.
/// </summary>
public sealed class PeopleModel(HearthDb db, UserManager<HearthUser> users, HearthSignInManager signIn, SecurityLog securityLog, IStringLocalizer<Strings> text) : PageModel
{
    public sealed record Person(string Id, string DisplayName, IReadOnlyList<string> Roles);

    public IReadOnlyList<Person> People { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    [StringLength(40)]
    public string? Search { get; set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostGrantAsync(string userId, string role, CancellationToken cancellationToken)
    {
        var person = await users.FindByIdAsync(userId);
        if (person is null || !NetworkRoles.All.Contains(role))
        {
            return NotFound();
        }

        if (!await users.IsInRoleAsync(person, role))
        {
            await users.AddToRoleAsync(person, role);
            await securityLog.RecordAsync(person.Id, SecurityEventKind.RoleGranted, role, cancellationToken);
        }

        Message = text["Admin.People.Granted", text[$"Role.{role}"], person.DisplayName];
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string userId, string role, CancellationToken cancellationToken)
    {
        var person = await users.FindByIdAsync(userId);
        if (person is null || !NetworkRoles.All.Contains(role))
        {
            return NotFound();
        }

        if (role == NetworkRoles.Admin && (await users.GetUsersInRoleAsync(NetworkRoles.Admin)).Count == 1)
        {
            ModelState.AddModelError(string.Empty, text["Admin.People.LastAdmin"]);
        }
        else if (await users.IsInRoleAsync(person, role))
        {
            await users.RemoveFromRoleAsync(person, role);
            // A removed role must stop working at once, not at the next stamp check: sign them out everywhere.
            await users.UpdateSecurityStampAsync(person);
            await signIn.EndSessionsAsync(person.Id, except: null);
            await securityLog.RecordAsync(person.Id, SecurityEventKind.RoleRemoved, role, cancellationToken);
            Message = text["Admin.People.Removed", text[$"Role.{role}"], person.DisplayName];
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var normalized = HearthUser.Normalize(Search);
            query = query.Where(u => u.NormalizedDisplayName.Contains(normalized));
        }

        var people = await query.OrderBy(u => u.NormalizedDisplayName).Take(200)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        People = [.. people.Select(p => new Person(p.Id, p.DisplayName, [.. roles.Where(r => r.UserId == p.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)]))];
    }
}
