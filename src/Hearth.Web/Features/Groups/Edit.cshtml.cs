using Hearth.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// Organisers change what their group says about itself, all on one page. The address (slug) stays as it is, so
/// links people already have keep working. A changed agreement gets a new version number.
/// </summary>
public sealed class EditModel(HearthDb db, GroupAccess access, Gazetteer.Gazetteer gazetteer, IStringLocalizer<Strings> text) : PageModel, IGroupFormPage
{
    [BindProperty]
    public GroupForm Form { get; set; } = new();

    public Group Group { get; private set; } = null!;

    public bool Saved { get; private set; }

    public bool CanChangeSlug => false;

    public bool ShowStep(int step) => true;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Form = GroupForm.From(Group);
        Saved = Request.Query["saved"] == "1";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Form.Slug = Group.Slug;
        ModelState.Remove("Form.Slug");
        if (Form.Clauses.Count > 0)
        {
            Form.AgreementText = Form.ComposeAgreement(text);
            ModelState.Remove("Form.AgreementText");
        }

        for (var step = 1; step <= GroupForm.Steps; step++)
        {
            await Form.CheckStepAsync(step, ModelState, "Form", db, gazetteer, text, Group.Id, cancellationToken);
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var group = await db.Groups.SingleAsync(g => g.Id == Group.Id, cancellationToken);
        if (Form.ApplyTo(group, gazetteer))
        {
            group.AgreementVersion++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/groups/{group.Slug}/edit?saved=1");
    }

    public async Task<IActionResult> OnPostComposeAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Form.AgreementText = Form.ComposeAgreement(text);
        ModelState.Remove("Form.AgreementText");
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(slug, User, cancellationToken);
        if (found is null || !found.IsOrganiser)
        {
            return false;
        }

        Group = found.Group;
        return true;
    }
}
