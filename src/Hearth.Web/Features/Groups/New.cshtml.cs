using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// Start a group, in four short steps and a check: name and address, what it is, where it meets, joining.
/// Any signed-in person may; they become its first organiser. "Facilitated by the network" is not theirs to set.
/// </summary>
public sealed class NewModel(HearthDb db, Gazetteer.Gazetteer gazetteer, UserManager<Accounts.HearthUser> users, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel, IGroupFormPage
{
    /// <summary>1–4 are the steps; 5 is "check and start".</summary>
    [BindProperty]
    public int Step { get; set; } = 1;

    [BindProperty]
    public GroupForm Form { get; set; } = GroupForm.Blank();

    public bool CanChangeSlug => true;

    public bool ShowStep(int step) => step == Step;

    public void OnGet() => Step = 1;

    public async Task<IActionResult> OnPostNextAsync(CancellationToken cancellationToken)
    {
        Step = Math.Clamp(Step, 1, GroupForm.Steps);
        if (Step == 1 && string.IsNullOrWhiteSpace(Form.Slug) && !string.IsNullOrWhiteSpace(Form.Name))
        {
            // Suggest an address from the name; the person sees it on the check step and can change it.
            Form.Slug = GroupForm.SuggestSlug(Form.Name);
            ModelState.Remove("Form.Slug");
        }

        if (Step == 4 && Form.Clauses.Count > 0)
        {
            // Ticked points join the agreement even if "Add these" was not pressed (adding never removes words).
            Form.AgreementText = Form.ComposeAgreement(text);
            ModelState.Remove("Form.AgreementText");
        }

        await Form.CheckStepAsync(Step, ModelState, "Form", db, gazetteer, text, null, cancellationToken);
        if (ModelState.ErrorCount == 0)
        {
            Step++;
        }

        return Page();
    }

    public IActionResult OnPostBack()
    {
        Step = Math.Clamp(Step - 1, 1, GroupForm.Steps);
        return Page();
    }

    /// <summary>Adds the chosen clauses to the agreement box, to edit from.</summary>
    public IActionResult OnPostCompose()
    {
        Step = 4;
        Form.AgreementText = Form.ComposeAgreement(text);
        ModelState.Remove("Form.AgreementText");
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        for (var step = 1; step <= GroupForm.Steps; step++)
        {
            await Form.CheckStepAsync(step, ModelState, "Form", db, gazetteer, text, null, cancellationToken);
            if (ModelState.ErrorCount > 0)
            {
                Step = step;
                return Page();
            }
        }

        var group = new Group { Slug = "", Name = "", Summary = "" };
        Form.ApplyTo(group, gazetteer);
        db.Groups.Add(group);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone took the address in the moment between the check and the save.
            db.ChangeTracker.Clear();
            Step = 1;
            ModelState.AddModelError("Form.Slug", text["Groups.Form.SlugTaken", group.Slug]);
            return Page();
        }

        db.GroupMembers.Add(new GroupMember
        {
            GroupId = group.Id,
            UserId = users.GetUserId(User)!,
            Role = GroupRole.Organiser,
            JoinedAt = clock.GetUtcNow().UtcDateTime,
            AgreementVersionAccepted = group.AgreementVersion,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/groups/{group.Slug}/manage?created=1");
    }
}
