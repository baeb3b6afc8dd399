using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Hearth.Tests.Data;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;
using Xunit.Sdk;

namespace Hearth.Tests.Features.Groups;

/// <summary>Someone made for one test, signed in: who they are, their browser, and their account's id.</summary>
public sealed record SignedIn(Person Person, HttpClient Client, string UserId)
{
    public string Name => Person.DisplayName;
}

/// <summary>
/// What the group flow tests share: the demo people, people of their own, groups arranged straight in the database
/// (so a test does not depend on what another did to the demo), and forms sent from the page in hand.
/// </summary>
public static class GroupFlows
{
    public const string Agreement = "We keep what is said here to ourselves.\nWe listen without fixing.";

    public static string Demo(string name) => AccountsDemoData.People.Single(p => p.DisplayName == name).Email;

    public static Task<HttpClient> SignInAsAsync(this HearthFactory factory, string demoName) =>
        factory.SignInAsync(Demo(demoName), AccountsDemoData.Password);

    /// <summary>The test host's database, started (and so migrated) first if no request has started it yet.</summary>
    public static HearthDb OpenDb(this HearthFactory factory)
    {
        _ = factory.Server;
        return MigrationTests.Open(factory.Database.Options);
    }

    /// <summary>A new person, registered, confirmed and signed in.</summary>
    public static async Task<SignedIn> NewSignedInAsync(this HearthFactory factory)
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        return new SignedIn(person, client, (await factory.FindUserAsync(person.Email)).Id);
    }

    /// <summary>A group of the test's own, with its members in place, as if it had been running for a while.</summary>
    public static async Task<Group> CreateGroupAsync(
        this HearthFactory factory,
        JoinPolicy joinPolicy = JoinPolicy.Open,
        int? capacity = null,
        bool listed = true,
        params (string UserId, GroupRole Role)[] members)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var group = new Group
        {
            Slug = $"test-group-{id}",
            Name = $"Quiet Harbour Circle {id}",
            Summary = "People who meet to talk about living with worry.",
            Town = "Rhyl",
            Latitude = 53.319,
            Longitude = -3.491,
            Format = GroupFormat.InPerson,
            IsListed = listed,
            JoinPolicy = joinPolicy,
            Capacity = capacity,
            Topics = Vocabulary.Store("anxiety"),
            Audiences = Vocabulary.Store("everyone"),
            AgreementText = Agreement,
        };
        await using var db = factory.OpenDb();
        db.Groups.Add(group);
        await db.SaveChangesAsync();
        var joined = DateTime.UtcNow.AddDays(-30);
        foreach (var (userId, role) in members)
        {
            db.GroupMembers.Add(new GroupMember { GroupId = group.Id, UserId = userId, Role = role, JoinedAt = joined, AgreementVersionAccepted = 1 });
            joined = joined.AddMinutes(1);
        }

        await db.SaveChangesAsync();
        return group;
    }

    public static async Task<GroupMember?> MembershipAsync(this HearthFactory factory, int groupId, string userId)
    {
        await using var db = factory.OpenDb();
        return await db.GroupMembers.AsNoTracking().SingleOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId);
    }

    public static async Task<List<JoinRequest>> RequestsAsync(this HearthFactory factory, int groupId, string userId)
    {
        await using var db = factory.OpenDb();
        return await db.JoinRequests.AsNoTracking().Where(r => r.GroupId == groupId && r.UserId == userId).ToListAsync();
    }

    public static async Task<int> GroupIdAsync(this HearthFactory factory, string slug)
    {
        await using var db = factory.OpenDb();
        return await db.Groups.Where(g => g.Slug == slug).Select(g => g.Id).SingleAsync();
    }

    /// <summary>
    /// Sends a form from a page already in hand, as a browser does: every field as it stands (typed text, text areas,
    /// the chosen option, ticked boxes and radios, hidden inputs), then <paramref name="fields"/> on top (a name given
    /// replaces every value of that name; give a name several times for several values), to the pressed button's
    /// formaction, else the form's action, else the page itself.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client,
        string pageUrl,
        IElement form,
        IEnumerable<KeyValuePair<string, string>>? fields = null,
        IElement? button = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
                    if (type is "checkbox" or "radio")
                    {
                        if (input.HasAttribute("checked"))
                        {
                            values.Add(new(name, input.GetAttribute("value") ?? "on"));
                        }
                    }
                    else if (type is not ("submit" or "button" or "image" or "reset" or "file"))
                    {
                        values.Add(new(name, input.GetAttribute("value") ?? ""));
                    }

                    break;
                case IHtmlTextAreaElement textarea:
                    values.Add(new(name, textarea.Value));
                    break;
                case IHtmlSelectElement select:
                    var option = select.QuerySelector("option[selected]") ?? select.QuerySelector("option");
                    if (option is not null)
                    {
                        values.Add(new(name, option.GetAttribute("value") ?? option.TextContent));
                    }

                    break;
                default:
                    break;
            }
        }

        var given = (fields ?? []).ToList();
        foreach (var name in given.Select(f => f.Key).Distinct())
        {
            values.RemoveAll(v => v.Key == name);
        }

        values.AddRange(given);
        if (button?.GetAttribute("name") is { } buttonName)
        {
            values.Add(new(buttonName, button.GetAttribute("value") ?? ""));
        }

        var pageUri = new Uri(client.BaseAddress!, pageUrl);
        var action = button?.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction : form.GetAttribute("action");
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(string.IsNullOrEmpty(action) ? pageUri : new Uri(pageUri, action), content);
    }

    /// <summary>The form on the page that posts to <paramref name="handler"/>, in the row or card that mentions <paramref name="near"/>.</summary>
    public static IElement HandlerForm(this IDocument page, string handler, string? near = null, (string Name, string Value)? with = null)
    {
        var forms = page.QuerySelectorAll($"main form[action*='handler={handler}']")
            .Where(f => near is null || (f.Closest("tr, li") is { } row && row.Text().Contains(near, StringComparison.Ordinal)))
            .Where(f => with is not { } hidden || f.QuerySelector($"input[name='{hidden.Name}']")?.GetAttribute("value") == hidden.Value)
            .ToList();
        return forms.Count == 1
            ? forms[0]
            : throw new XunitException($"Expected one {handler} form{(near is null ? "" : $" for {near}")}, found {forms.Count}.");
    }

    /// <summary>Posts straight to a handler with the fields given, as a second tab or a crafted request would.</summary>
    public static async Task<HttpResponseMessage> PostHandlerAsync(this HttpClient client, string url, IReadOnlyDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields) { ["__antiforgery"] = await AntiforgeryAsync(client) };
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>A valid antiforgery token for this browser, signed in or not, taken from a form it was given.</summary>
    public static async Task<string> AntiforgeryAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var token = page.QuerySelector("input[name='__antiforgery']")?.GetAttribute("value");
        if (token is null)
        {
            // Signed in: the sign-in page sends them on, and their account page has forms.
            token = (await client.GetDocumentAsync("/account")).QuerySelector("input[name='__antiforgery']")?.GetAttribute("value");
        }

        return token ?? throw new XunitException("No page gave this browser an antiforgery token.");
    }

    /// <summary>The error summary's text, or null when the page has none.</summary>
    public static string? ErrorSummary(this IDocument page) => page.QuerySelector("[data-error-summary]")?.Text();

    /// <summary>The notice that says what just happened (<c>.notice[role=status]</c>), or null.</summary>
    public static string? Notice(this IDocument page) => page.QuerySelector("main .notice[role=status]")?.Text();
}
