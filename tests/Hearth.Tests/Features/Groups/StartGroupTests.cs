using System.Net;
using AngleSharp.Dom;
using Hearth.Tests.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Groups;

/// <summary>
/// Starting a group in steps, and changing its details later: what a person types is checked step by step,
/// refused beside the field with the text kept, and nothing is made until every step passes.
/// </summary>
public sealed class StartGroupTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string New = "/groups/new";

    private const string TooBig = "Enter a whole number from 2 to 500, or leave it empty";

    [Fact]
    public async Task A_new_person_starts_a_listed_group_step_by_step_and_becomes_its_organiser()
    {
        var person = await factory.NewSignedInAsync();
        var id = Guid.NewGuid().ToString("N")[..8];
        var answers = Answers(id);

        var page = await person.Client.GetDocumentAsync(New);
        Assert.Equal("Step 1 of 5", page.QuerySelector("main p.meta")!.Text());
        for (var step = 1; step <= 4; step++)
        {
            Assert.Equal(step.ToString(System.Globalization.CultureInfo.InvariantCulture), StepOf(page));
            page = await PressAsync(person.Client, page, "Next", answers[step - 1]);
            Assert.Null(page.ErrorSummary());
        }

        Assert.Equal("5", StepOf(page));
        var check = page.QuerySelector("[data-check]")!.Text();
        Assert.Contains($"Llandudno Walk and Talk {id}", check, StringComparison.Ordinal);
        Assert.Contains($"/groups/walk-and-talk-{id}", check, StringComparison.Ordinal);
        Assert.Contains("Llandudno", check, StringComparison.Ordinal);
        Assert.Contains("Listed: anyone can find it in the directory", check, StringComparison.Ordinal);
        var count = await CountGroupsAsync();

        using var created = await PressForResponseAsync(person.Client, page, "Create");

        Assert.Equal($"/groups/walk-and-talk-{id}/manage?created=1", created.RedirectTarget());
        Assert.Equal(count + 1, await CountGroupsAsync());
        await using (var db = factory.OpenDb())
        {
            var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Slug == $"walk-and-talk-{id}");
            Assert.Equal(
                ($"Llandudno Walk and Talk {id}", "Llandudno", GroupFormat.InPerson, JoinPolicy.Open, 12, true, ",depression,anxiety,", ",everyone,", ",step-free,", false),
                (group.Name, group.Town, group.Format, group.JoinPolicy, group.Capacity, group.IsListed, group.Topics, group.Audiences, group.Access, group.IsFacilitatedByNetwork));
            Assert.Equal("We walk at the pace of the slowest.", group.AgreementText);
            Assert.Equal(1, group.AgreementVersion);
            var member = await db.GroupMembers.AsNoTracking().SingleAsync(m => m.GroupId == group.Id);
            Assert.Equal((person.UserId, GroupRole.Organiser), (member.UserId, member.Role));
        }

        Assert.Equal($"Running Llandudno Walk and Talk {id}", (await person.Client.GetDocumentAsync($"/groups/walk-and-talk-{id}/manage?created=1")).Heading());
        var directory = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups?q={id}");
        Assert.Equal([$"/groups/walk-and-talk-{id}"], directory.QuerySelectorAll(".group-list h3 a").Select(a => a.GetAttribute("href")));
        var groupPage = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/walk-and-talk-{id}");
        Assert.Equal(person.Name, groupPage.QuerySelector("[data-organisers]")!.Text());
        Assert.Equal("prom", groupPage.QuerySelector("[data-description] strong")!.Text());
    }

    [Fact]
    public async Task An_unlisted_group_that_meets_online_is_made_but_kept_out_of_the_directory()
    {
        var person = await factory.NewSignedInAsync();
        var id = Guid.NewGuid().ToString("N")[..8];
        var answers = Answers(id);
        answers[2] = new() { ["Form.Format"] = "Online", ["Form.Town"] = "" };
        answers[3]["Form.Visibility"] = "unlisted";
        answers[3]["Form.JoinPolicy"] = "InviteOnly";

        var check = await WalkAsync(person.Client, answers);
        using var created = await PressForResponseAsync(person.Client, check, "Create");

        Assert.Equal($"/groups/walk-and-talk-{id}/manage?created=1", created.RedirectTarget());
        await using (var db = factory.OpenDb())
        {
            var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Slug == $"walk-and-talk-{id}");
            Assert.Equal((false, GroupFormat.Online, null, JoinPolicy.InviteOnly), (group.IsListed, group.Format, group.Town, group.JoinPolicy));
        }

        Assert.Empty((await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups?q={id}")).QuerySelectorAll(".group-list h3 a"));
        var groupPage = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/walk-and-talk-{id}");
        Assert.Equal("noindex, nofollow", groupPage.QuerySelector("meta[name='robots']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task Going_back_a_step_keeps_what_was_typed()
    {
        var person = await factory.NewSignedInAsync();
        var answers = Answers("back");
        var page = await PressAsync(person.Client, await person.Client.GetDocumentAsync(New), "Next", answers[0]);
        page = await PressAsync(person.Client, page, "Next", answers[1]);
        Assert.Equal("3", StepOf(page));

        page = await PressAsync(person.Client, page, "Back");
        page = await PressAsync(person.Client, page, "Back");

        Assert.Equal("1", StepOf(page));
        Assert.Equal("Llandudno Walk and Talk back", page.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal("walk-and-talk-back", page.QuerySelector("#Form_Slug")!.GetAttribute("value"));
        Assert.Equal(["anxiety", "depression"], page.QuerySelectorAll("input[type=hidden][name='Form.Topics']").Select(i => i.GetAttribute("value")).Order());
    }

    [Theory]
    [InlineData("prestatyn-withdrawal-support", "The address \"prestatyn-withdrawal-support\" is taken. Choose another, for example by adding the town")]
    [InlineData("new", "The address \"new\" is taken. Choose another, for example by adding the town")]
    [InlineData("mine", "The address \"mine\" is taken. Choose another, for example by adding the town")]
    [InlineData("My Group!", "Use 3 to 60 lower-case letters, numbers and single hyphens, for example \"my-group\"")]
    [InlineData("double--hyphen", "Use 3 to 60 lower-case letters, numbers and single hyphens, for example \"double-hyphen\"")]
    [InlineData("ab", "Use 3 to 60 lower-case letters, numbers and single hyphens, for example \"ab\"")]
    public async Task An_address_that_is_taken_reserved_or_not_url_safe_is_refused_and_kept(string slug, string message)
    {
        var person = await factory.NewSignedInAsync();
        var count = await CountGroupsAsync();
        var answers = Answers("slug");
        answers[0]["Form.Slug"] = slug;

        var page = await PressAsync(person.Client, await person.Client.GetDocumentAsync(New), "Next", answers[0]);

        Assert.Equal("1", StepOf(page));
        Assert.Equal(message, page.FieldError("Form_Slug"));
        Assert.Equal(slug, page.QuerySelector("#Form_Slug")!.GetAttribute("value"));
        Assert.Equal("Llandudno Walk and Talk slug", page.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal(count, await CountGroupsAsync());
    }

    [Fact]
    public async Task An_empty_address_is_suggested_from_the_name()
    {
        var person = await factory.NewSignedInAsync();
        var id = Guid.NewGuid().ToString("N")[..8];
        var answers = Answers(id);
        answers[0]["Form.Name"] = $"Ynys Môn Carers' Café {id}";
        answers[0]["Form.Slug"] = "";

        var page = await PressAsync(person.Client, await person.Client.GetDocumentAsync(New), "Next", answers[0]);

        Assert.Equal("2", StepOf(page));
        Assert.Equal($"ynys-mon-carers-cafe-{id}", page.QuerySelector("input[type=hidden][name='Form.Slug']")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("Prestatin", "We do not know a place called \"Prestatin\". Did you mean: ")]
    [InlineData("Atlantis", "We do not know a place called \"Atlantis\". Check the spelling, or use the nearest town")]
    [InlineData("Newport", "There is more than one \"Newport\". Write it with its county, as one of: ")]
    [InlineData("", "Enter the town the group meets in, or choose \"Online\"")]
    public async Task A_town_that_is_unknown_ambiguous_or_missing_is_refused_and_kept(string town, string message)
    {
        var person = await factory.NewSignedInAsync();
        var count = await CountGroupsAsync();
        var answers = Answers("town");
        answers[2]["Form.Town"] = town;
        var page = await PressAsync(person.Client, await person.Client.GetDocumentAsync(New), "Next", answers[0]);
        page = await PressAsync(person.Client, page, "Next", answers[1]);

        page = await PressAsync(person.Client, page, "Next", answers[2]);

        Assert.Equal("3", StepOf(page));
        Assert.StartsWith(message, page.FieldError("Form_Town"), StringComparison.Ordinal);
        Assert.Equal(town, page.QuerySelector("#Form_Town")!.GetAttribute("value") ?? "");
        Assert.Equal(count, await CountGroupsAsync());
        if (town == "Prestatin")
        {
            Assert.Contains("Prestatyn", page.FieldError("Form_Town"), StringComparison.Ordinal);
        }
        else if (town == "Newport")
        {
            Assert.Contains("Newport, Pembrokeshire", page.FieldError("Form_Town"), StringComparison.Ordinal);
            page = await PressAsync(person.Client, page, "Next", new Dictionary<string, string> { ["Form.Town"] = "Newport, Pembrokeshire" });
            Assert.Equal("4", StepOf(page));
        }
    }

    [Theory]
    [InlineData("Description", "<script>alert(1)</script>", "HTML cannot be used here. Use plain text, or *italics*, **bold**, lists and links")]
    [InlineData("Description", "We meet on <b>Tuesdays</b>.", "HTML cannot be used here. Use plain text, or *italics*, **bold**, lists and links")]
    [InlineData("Description", "Read [x](javascript:alert(1)) first.", "Links can only go to web pages (https://...) or email addresses. Remove any other kind of link")]
    [InlineData("Faq", "**Where?** [here](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "Links can only go to web pages (https://...) or email addresses. Remove any other kind of link")]
    [InlineData("Description", "Our room: ![the room](https://example.org/room.jpg)", "Pictures cannot be added here. Describe it in words, or link to a web page")]
    public async Task Markdown_with_html_pictures_or_unsafe_links_is_refused_and_kept(string field, string text, string message)
    {
        var person = await factory.NewSignedInAsync();
        var count = await CountGroupsAsync();
        var answers = Answers("markdown");
        answers[1][$"Form.{field}"] = text;
        var page = await PressAsync(person.Client, await person.Client.GetDocumentAsync(New), "Next", answers[0]);

        page = await PressAsync(person.Client, page, "Next", answers[1]);

        Assert.Equal("2", StepOf(page));
        Assert.Equal(message, page.FieldError($"Form_{field}"));
        Assert.Equal(text, ((AngleSharp.Html.Dom.IHtmlTextAreaElement)page.QuerySelector($"textarea#Form_{field}")!).Value);
        Assert.Equal(count, await CountGroupsAsync());
    }

    [Theory]
    [InlineData("abc", TooBig)]
    [InlineData("1", TooBig)]
    [InlineData("9999", TooBig)]
    [InlineData("-3", TooBig)]
    [InlineData("2.5", TooBig)]
    [InlineData("2", null)]
    [InlineData("500", null)]
    [InlineData("", null)]
    public async Task A_size_must_be_a_whole_number_from_2_to_500_or_nothing(string capacity, string? message)
    {
        var person = await factory.NewSignedInAsync();
        var count = await CountGroupsAsync();
        var answers = Answers("size");
        answers[3]["Form.Capacity"] = capacity;
        var page = await WalkAsync(person.Client, answers, steps: 3);

        page = await PressAsync(person.Client, page, "Next", answers[3]);

        Assert.Equal(message is null ? "5" : "4", StepOf(page));
        Assert.Equal(message, page.FieldError("Form_Capacity"));
        if (message is not null)
        {
            Assert.Equal(capacity, page.QuerySelector("#Form_Capacity")!.GetAttribute("value"));
        }

        Assert.Equal(count, await CountGroupsAsync());
    }

    [Fact]
    public async Task Adding_agreement_points_keeps_what_was_typed_and_adds_each_point_once()
    {
        var person = await factory.NewSignedInAsync();
        var answers = Answers("compose");
        var page = await WalkAsync(person.Client, answers, steps: 3);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.AgreementText", "We bring biscuits."),
            new("Form.Clauses", "confidentiality"),
            new("Form.Clauses", "phones"),
        };

        page = await PressAsync(person.Client, page, "Compose", fields);

        Assert.Equal("4", StepOf(page));
        Assert.Null(page.ErrorSummary());
        const string composed = "We bring biscuits.\nWhat is said in the group stays in the group.\nPhones away during the meeting.";
        Assert.Equal(composed, Agreement(page));
        Assert.Equal(["confidentiality", "phones"], page.QuerySelectorAll("input[name='Form.Clauses'][checked]").Select(i => i.GetAttribute("value")));

        page = await PressAsync(person.Client, page, "Compose");

        Assert.Equal(composed, Agreement(page));
    }

    [Fact]
    public async Task Starting_the_group_checks_every_step_again_so_a_changed_hidden_field_is_caught()
    {
        var person = await factory.NewSignedInAsync();
        var count = await CountGroupsAsync();
        var check = await WalkAsync(person.Client, Answers("tampered"));

        var page = await PressAsync(person.Client, check, "Create", new Dictionary<string, string> { ["Form.Slug"] = "prestatyn-withdrawal-support" });

        Assert.Equal("1", StepOf(page));
        Assert.StartsWith("The address \"prestatyn-withdrawal-support\" is taken", page.FieldError("Form_Slug"), StringComparison.Ordinal);

        page = await PressAsync(person.Client, check, "Create", new Dictionary<string, string> { ["Form.Description"] = "<script>alert(1)</script>" });

        Assert.Equal("2", StepOf(page));
        Assert.NotNull(page.FieldError("Form_Description"));
        Assert.Equal(count, await CountGroupsAsync());
    }

    [Fact]
    public async Task Starting_a_group_needs_a_signed_in_person()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri(New, UriKind.Relative));

        Assert.StartsWith("/account/sign-in?returnUrl=", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organiser_changes_the_details_and_only_a_changed_agreement_gets_a_new_version()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Open, members: [(organiser.UserId, GroupRole.Organiser)]);
        var edit = $"/groups/{group.Slug}/edit";

        var form = await organiser.Client.GetDocumentAsync(edit);
        Assert.Equal(group.Name, form.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Null(form.QuerySelector("#Form_Slug"));
        using (var saved = await organiser.Client.SubmitAsync(edit, form.QuerySelector("main form[method=post]")!, new Dictionary<string, string>
        {
            ["Form.Summary"] = "People who meet on the prom to talk about living with worry.",
            ["Form.Slug"] = "a-new-address",
        }))
        {
            Assert.Equal($"{edit}?saved=1", saved.RedirectTarget());
        }

        Assert.Equal("Saved. The group's page shows the new details.", (await organiser.Client.GetDocumentAsync($"{edit}?saved=1")).Notice());
        Assert.Equal((group.Slug, "People who meet on the prom to talk about living with worry.", 1), await StoredAsync(group.Id));
        Assert.Equal("People who meet on the prom to talk about living with worry.", (await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/{group.Slug}")).QuerySelector("main p.lead")!.Text());

        form = await organiser.Client.GetDocumentAsync(edit);
        using (var saved = await organiser.Client.SubmitAsync(edit, form.QuerySelector("main form[method=post]")!, new Dictionary<string, string>
        {
            ["Form.AgreementText"] = GroupFlows.Agreement + "\nPhones away during the meeting.",
        }))
        {
            Assert.Equal($"{edit}?saved=1", saved.RedirectTarget());
        }

        Assert.Equal(2, (await StoredAsync(group.Id)).Version);
        Assert.Contains("Phones away during the meeting.", (await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/{group.Slug}")).QuerySelector("[data-agreement-summary]")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_with_bad_markdown_is_refused_kept_and_saves_nothing()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Open, members: [(organiser.UserId, GroupRole.Organiser)]);
        var edit = $"/groups/{group.Slug}/edit";
        var form = await organiser.Client.GetDocumentAsync(edit);

        using var refused = await organiser.Client.SubmitAsync(edit, form.QuerySelector("main form[method=post]")!, new Dictionary<string, string>
        {
            ["Form.Summary"] = "A new summary that must not be saved.",
            ["Form.Description"] = "Hello <script>alert(1)</script>",
        });

        var page = await refused.ReadDocumentAsync();
        Assert.Equal("HTML cannot be used here. Use plain text, or *italics*, **bold**, lists and links", page.FieldError("Form_Description"));
        Assert.Equal("Hello <script>alert(1)</script>", ((AngleSharp.Html.Dom.IHtmlTextAreaElement)page.QuerySelector("textarea#Form_Description")!).Value);
        Assert.Equal((group.Slug, group.Summary, 1), await StoredAsync(group.Id));
    }

    [Fact]
    public async Task Only_organisers_can_change_the_details()
    {
        var organiser = await factory.NewSignedInAsync();
        var helper = await factory.NewSignedInAsync();
        var member = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(
            JoinPolicy.Open,
            members: [(organiser.UserId, GroupRole.Organiser), (helper.UserId, GroupRole.CoOrganiser), (member.UserId, GroupRole.Member)]);
        var edit = $"/groups/{group.Slug}/edit";
        var form = await organiser.Client.GetDocumentAsync(edit);

        foreach (var client in new[] { member.Client, helper.Client })
        {
            await client.GetDocumentAsync(edit, HttpStatusCode.NotFound);
            using var posted = await client.SubmitAsync(edit, form.QuerySelector("main form[method=post]")!, new Dictionary<string, string>
            {
                ["__antiforgery"] = await GroupFlows.AntiforgeryAsync(client),
                ["Form.Summary"] = "Taken over.",
            });
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        Assert.Equal((group.Slug, group.Summary, 1), await StoredAsync(group.Id));
    }

    [Fact]
    public async Task The_group_page_shows_the_organisers_markdown_with_its_links_and_bold_text()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups/prestatyn-withdrawal-support");

        var description = page.QuerySelector("[data-description]")!;
        Assert.Equal("what helped", description.QuerySelector("strong")!.Text());
        var link = description.QuerySelector("a")!;
        Assert.Equal("Royal College of Psychiatrists", link.Text());
        Assert.Equal("https://www.rcpsych.ac.uk/mental-health/treatments-and-wellbeing/stopping-antidepressants", link.GetAttribute("href"));
        Assert.Equal("nofollow noopener noreferrer", link.GetAttribute("rel"));
        Assert.Equal(3, description.QuerySelectorAll("ul li").Length);
        Assert.Equal("Do I have to talk?", page.QuerySelector("[data-faq] strong")!.Text());
    }

    [Fact]
    public async Task Unsafe_markdown_that_reached_the_database_another_way_is_shown_harmless()
    {
        var group = await factory.CreateGroupAsync();
        await using (var db = factory.OpenDb())
        {
            await db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Description, "<script>alert(1)</script>\n\nSee [our page](javascript:alert(2)) and ![x](data:image/png;base64,AAAA)")
                .SetProperty(g => g.Faq, "<img src=x onerror=alert(3)>"));
        }

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/{group.Slug}");

        var description = page.QuerySelector("[data-description]")!;
        Assert.Empty(description.QuerySelectorAll("script, img, a"));
        Assert.Contains("<script>alert(1)</script>", description.Text(), StringComparison.Ordinal);
        Assert.Contains("See our page and x", description.Text(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-faq] img"));
        Assert.DoesNotContain("javascript:", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Everything a person types for each of the four steps, for a group whose address ends with <paramref name="id"/>.</summary>
    private static List<Dictionary<string, string>> Answers(string id) =>
    [
        new()
        {
            ["Form.Name"] = $"Llandudno Walk and Talk {id}",
            ["Form.Slug"] = $"walk-and-talk-{id}",
            ["Form.Summary"] = "A walk along the prom and a cuppa, for anyone living with worry or low mood.",
        },
        new()
        {
            ["Form.Description"] = "We walk the **prom** together. More in [our leaflet](https://example.org/leaflet).",
            ["Form.WhatToExpect"] = "We meet at the pier and walk for an hour.",
        },
        new()
        {
            ["Form.Format"] = "InPerson",
            ["Form.Town"] = "Llandudno",
            ["Form.VenueName"] = "The pier entrance",
        },
        new()
        {
            ["Form.JoinPolicy"] = "Open",
            ["Form.Capacity"] = "12",
            ["Form.Visibility"] = "listed",
            ["Form.AgreementText"] = "We walk at the pace of the slowest.",
        },
    ];

    /// <summary>
    /// The choices of step 2 and 3 that take several values: sent with the rest of that step's answers.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> WithChoices(int step, Dictionary<string, string> answers) => step switch
    {
        2 => answers.Concat([new("Form.Topics", "anxiety"), new("Form.Topics", "depression"), new("Form.Audiences", "everyone")]),
        3 => answers.Concat([new("Form.Access", "step-free")]),
        _ => answers,
    };

    /// <summary>Answers the first <paramref name="steps"/> steps, checking each is accepted; returns the page after them.</summary>
    private static async Task<IDocument> WalkAsync(HttpClient client, List<Dictionary<string, string>> answers, int steps = 4)
    {
        var page = await client.GetDocumentAsync(New);
        for (var step = 1; step <= steps; step++)
        {
            page = await PressAsync(client, page, "Next", answers[step - 1]);
            Assert.Null(page.ErrorSummary());
        }

        return page;
    }

    private static async Task<IDocument> PressAsync(HttpClient client, IDocument page, string handler, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        using var response = await PressForResponseAsync(client, page, handler, fields);
        return await response.ReadDocumentAsync();
    }

    /// <summary>Presses the button for <paramref name="handler"/> on the page in hand, with the step's answers typed in.</summary>
    private static Task<HttpResponseMessage> PressForResponseAsync(HttpClient client, IDocument page, string handler, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var form = page.QuerySelector("main form[method=post]")!;
        var button = form.QuerySelector($"button[formaction*='handler={handler}']")
            ?? throw new Xunit.Sdk.XunitException($"Step {StepOf(page)} has no {handler} button.");
        var typed = fields switch
        {
            Dictionary<string, string> answers when handler == "Next" => WithChoices(int.Parse(StepOf(page), System.Globalization.CultureInfo.InvariantCulture), answers),
            null => [],
            _ => fields,
        };
        return client.SubmitAsync(New, form, typed, button);
    }

    private static string StepOf(IDocument page) => page.QuerySelector("main form input[name='Step']")!.GetAttribute("value")!;

    private static string Agreement(IDocument page) =>
        ((AngleSharp.Html.Dom.IHtmlTextAreaElement)page.QuerySelector("textarea#Form_AgreementText")!).Value.ReplaceLineEndings("\n");

    private async Task<int> CountGroupsAsync()
    {
        await using var db = factory.OpenDb();
        return await db.Groups.CountAsync();
    }

    private async Task<(string Slug, string Summary, int Version)> StoredAsync(int groupId)
    {
        await using var db = factory.OpenDb();
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == groupId);
        return (group.Slug, group.Summary, group.AgreementVersion);
    }
}
