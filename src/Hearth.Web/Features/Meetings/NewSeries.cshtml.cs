using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Meetings;

/// <summary>Organisers set up a meeting series: one-off, weekly, fortnightly or monthly on the nth weekday.</summary>
public sealed class NewSeriesModel(HearthDb db, GroupAccess access, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    public Group Group { get; private set; } = null!;

    [BindProperty]
    public SeriesForm Form { get; set; } = new();

    /// <summary>After saving: a date on which the time does not exist or happens twice, to explain.</summary>
    public string? Warning { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Form.StartDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Form.StartTime = "18:30";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var series = Form.Check(ModelState, nameof(Form), text);
        if (series is null)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        series.GroupId = Group.Id;
        series.CreatedAt = now;
        series.UpdatedAt = now;
        db.MeetingSeries.Add(series);
        await db.SaveChangesAsync(cancellationToken);
        var (gap, overlap) = Recurrence.DaylightSavingClashes(series);
        // A series can meet on both nights the clocks change (01:30 every Sunday): the organiser is told of each.
        var note = (gap is { } g ? $"&gap={g:yyyy-MM-dd}" : "") + (overlap is { } o ? $"&overlap={o:yyyy-MM-dd}" : "");
        return Redirect($"/groups/{Group.Slug}/meetings?added=1{note}");
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(slug, User, cancellationToken);
        if (found is null || !found.CanOrganise)
        {
            return false;
        }

        Group = found.Group;
        return true;
    }
}
