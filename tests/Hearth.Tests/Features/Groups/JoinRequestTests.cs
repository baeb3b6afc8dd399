using Hearth.Tests.Features.Accounts;
using Hearth.Web.Features.Groups;

namespace Hearth.Tests.Features.Groups;

/// <summary>Asking to join a closed group: the request, the organisers' answer, and the emails about it.</summary>
public sealed class JoinRequestTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string RequestForm = "main form[action*='handler=Request']";

    private const string EmailSubject = "You have something new on Hearth";

    [Fact]
    public async Task Asking_with_a_message_shows_it_to_the_organisers_and_the_person_sees_they_have_asked()
    {
        var (group, organiser) = await ClosedGroupAsync();
        var asker = await factory.NewSignedInAsync();
        const string message = "I have heard voices since I was twenty.\nIs the group right for me?";

        using var asked = await asker.Client.PostFormAsync(Membership(group), new Dictionary<string, string> { ["Message"] = message, ["AcceptAgreement"] = "true" }, RequestForm);

        Assert.Equal($"{Membership(group)}?asked=1", asked.RedirectTarget());
        var mine = await asker.Client.GetDocumentAsync($"{Membership(group)}?asked=1");
        Assert.Contains("Your request has been sent.", mine.Notice(), StringComparison.Ordinal);
        Assert.Contains("You asked to join on", mine.QuerySelector("[data-request-state=requested]")!.Text(), StringComparison.Ordinal);
        Assert.Null(mine.QuerySelector(RequestForm));
        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        var card = Assert.Single(manage.QuerySelectorAll("[data-requests] li"));
        Assert.Equal(asker.Name, card.QuerySelector("h3")!.Text());
        Assert.Equal(message, card.QuerySelector("blockquote")!.TextContent.ReplaceLineEndings("\n"));
        var stored = Assert.Single(await factory.RequestsAsync(group.Id, asker.UserId));
        Assert.Equal((JoinRequestState.Requested, message), (stored.State, stored.Message));
        Assert.Null(await factory.MembershipAsync(group.Id, asker.UserId));
    }

    [Fact]
    public async Task Asking_without_a_message_is_fine_and_the_organisers_see_just_the_name()
    {
        var (group, organiser) = await ClosedGroupAsync();
        var asker = await factory.NewSignedInAsync();

        using var asked = await asker.Client.PostFormAsync(Membership(group), new Dictionary<string, string> { ["Message"] = "   ", ["AcceptAgreement"] = "true" }, RequestForm);

        Assert.Equal($"{Membership(group)}?asked=1", asked.RedirectTarget());
        var card = Assert.Single((await organiser.Client.GetDocumentAsync(Manage(group))).QuerySelectorAll("[data-requests] li"));
        Assert.Equal(asker.Name, card.QuerySelector("h3")!.Text());
        Assert.Null(card.QuerySelector("blockquote"));
        Assert.Null(Assert.Single(await factory.RequestsAsync(group.Id, asker.UserId)).Message);
    }

    [Fact]
    public async Task Accepting_a_request_makes_the_person_a_member()
    {
        var (group, organiser) = await ClosedGroupAsync();
        var asker = await AskAsync(group);

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var accepted = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Accept", near: asker.Name));

        var after = await accepted.ReadDocumentAsync();
        Assert.Equal("Done. They are a member now, and we have let them know.", after.Notice());
        Assert.Null(after.QuerySelector("[data-requests]"));
        Assert.Contains(after.QuerySelectorAll("[data-members] td"), td => td.Text() == asker.Name);
        Assert.Equal(GroupRole.Member, (await factory.MembershipAsync(group.Id, asker.UserId))!.Role);
        Assert.Empty(await factory.RequestsAsync(group.Id, asker.UserId));
        Assert.Contains(asker.Name, (await asker.Client.GetDocumentAsync($"/groups/{group.Slug}")).QuerySelector("[data-members]")!.Text(), StringComparison.Ordinal);
        var email = await Mailbox.WaitForAsync(factory.MailFolder, asker.Person.Email, EmailSubject);
        Assert.DoesNotContain(group.Name, email.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Declining_with_a_kind_template_tells_the_person_and_they_can_ask_again()
    {
        var (group, organiser) = await ClosedGroupAsync();
        var asker = await AskAsync(group);

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var declined = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Decline", near: asker.Name), new Dictionary<string, string> { ["reason"] = "local" });

        var after = await declined.ReadDocumentAsync();
        Assert.Equal("Done. We have sent them the message you chose.", after.Notice());
        Assert.Null(after.QuerySelector("[data-requests]"));
        Assert.Null(await factory.MembershipAsync(group.Id, asker.UserId));
        var email = await Mailbox.WaitForAsync(factory.MailFolder, asker.Person.Email, EmailSubject);
        Assert.DoesNotContain(group.Name, email.Body, StringComparison.OrdinalIgnoreCase);

        var theirs = await asker.Client.GetDocumentAsync(Membership(group));
        Assert.Contains(
            "This group is for people who live nearby and can come to meetings in person.",
            theirs.QuerySelector("[data-request-state=declined]")!.Text(),
            StringComparison.Ordinal);
        Assert.NotNull(theirs.QuerySelector(RequestForm));

        using var again = await asker.Client.PostFormAsync(Membership(group), new Dictionary<string, string> { ["Message"] = "I have moved to Rhyl now.", ["AcceptAgreement"] = "true" }, RequestForm);

        Assert.Equal($"{Membership(group)}?asked=1", again.RedirectTarget());
        var stored = Assert.Single(await factory.RequestsAsync(group.Id, asker.UserId));
        Assert.Equal((JoinRequestState.Requested, "I have moved to Rhyl now.", null), (stored.State, stored.Message, stored.DeclineReason));
        Assert.Single((await organiser.Client.GetDocumentAsync(Manage(group))).QuerySelectorAll("[data-requests] li"));
    }

    [Fact]
    public async Task A_decline_reason_that_is_not_one_of_the_templates_changes_nothing()
    {
        var (group, organiser) = await ClosedGroupAsync();
        var asker = await AskAsync(group);

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var declined = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Decline", near: asker.Name), new Dictionary<string, string> { ["reason"] = "go away" });

        Assert.Contains("Nothing changed: someone may have done this already", (await declined.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
        Assert.Equal(JoinRequestState.Requested, Assert.Single(await factory.RequestsAsync(group.Id, asker.UserId)).State);
    }

    [Fact]
    public async Task Asking_twice_says_so_and_keeps_one_request()
    {
        var (group, _) = await ClosedGroupAsync();
        var asker = await AskAsync(group, "First message.");

        using var twice = await asker.Client.PostHandlerAsync($"{Membership(group)}?handler=Request", new Dictionary<string, string> { ["Message"] = "Second message.", ["AcceptAgreement"] = "true" });

        Assert.Contains("You have already asked to join this group", (await twice.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
        var stored = Assert.Single(await factory.RequestsAsync(group.Id, asker.UserId));
        Assert.Equal("First message.", stored.Message);
    }

    [Fact]
    public async Task A_message_over_1000_characters_is_refused_beside_the_field_and_kept()
    {
        var (group, _) = await ClosedGroupAsync();
        var asker = await factory.NewSignedInAsync();
        var tooLong = string.Concat(Enumerable.Repeat("I would like to come. ", 46))[..1001];

        using var refused = await asker.Client.PostFormAsync(Membership(group), new Dictionary<string, string> { ["Message"] = tooLong, ["AcceptAgreement"] = "true" }, RequestForm);

        var page = await refused.ReadDocumentAsync();
        Assert.Equal("Keep your message under 1000 characters", page.FieldError("Message"));
        Assert.Equal(tooLong, page.QuerySelector("textarea#Message")!.TextContent);
        Assert.Empty(await factory.RequestsAsync(group.Id, asker.UserId));

        using var justRight = await asker.Client.PostFormAsync(Membership(group), new Dictionary<string, string> { ["Message"] = tooLong[..1000], ["AcceptAgreement"] = "true" }, RequestForm);

        Assert.Equal($"{Membership(group)}?asked=1", justRight.RedirectTarget());
        Assert.Equal(1000, Assert.Single(await factory.RequestsAsync(group.Id, asker.UserId)).Message!.Length);
    }

    [Fact]
    public async Task Asking_needs_the_agreement_accepted_and_keeps_the_message()
    {
        var (group, _) = await ClosedGroupAsync();
        var asker = await factory.NewSignedInAsync();

        var form = await asker.Client.GetDocumentAsync(Membership(group));
        Assert.Equal(["We keep what is said here to ourselves.", "We listen without fixing."], form.QuerySelectorAll("[data-agreement] p").Select(p => p.Text()));
        using var refused = await asker.Client.PostFormAsync(Membership(group), new Dictionary<string, string> { ["Message"] = "Hello from Prestatyn." }, RequestForm);

        var page = await refused.ReadDocumentAsync();
        Assert.Equal("Accept the group agreement to join", page.FieldError("AcceptAgreement"));
        Assert.Equal("Hello from Prestatyn.", page.QuerySelector("textarea#Message")!.TextContent);
        Assert.Empty(await factory.RequestsAsync(group.Id, asker.UserId));
    }

    [Fact]
    public async Task Withdrawing_removes_the_request_and_the_organisers_no_longer_see_it()
    {
        var (group, organiser) = await ClosedGroupAsync();
        var asker = await AskAsync(group);

        using var withdrawn = await asker.Client.PostFormAsync(Membership(group), Forms.NoFields, "main form[action*='handler=Withdraw']");

        Assert.Equal($"{Membership(group)}?withdrawn=1", withdrawn.RedirectTarget());
        var page = await asker.Client.GetDocumentAsync($"{Membership(group)}?withdrawn=1");
        Assert.Equal("Done. You are no longer waiting to join.", page.Notice());
        Assert.NotNull(page.QuerySelector(RequestForm));
        Assert.Empty(await factory.RequestsAsync(group.Id, asker.UserId));
        Assert.Null((await organiser.Client.GetDocumentAsync(Manage(group))).QuerySelector("[data-requests]"));
    }

    [Fact]
    public async Task An_open_or_invite_only_group_cannot_be_asked_and_stores_nothing()
    {
        var open = await factory.CreateGroupAsync(JoinPolicy.Open);
        var inviteOnly = await factory.CreateGroupAsync(JoinPolicy.InviteOnly);
        var asker = await factory.NewSignedInAsync();

        foreach (var group in new[] { open, inviteOnly })
        {
            using var response = await asker.Client.PostHandlerAsync($"{Membership(group)}?handler=Request", new Dictionary<string, string> { ["AcceptAgreement"] = "true" });

            Assert.Contains("This group does not take new members this way", (await response.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
            Assert.Empty(await factory.RequestsAsync(group.Id, asker.UserId));
        }
    }

    [Fact]
    public async Task Accepting_someone_when_the_group_is_full_puts_them_on_the_waiting_list()
    {
        var organiser = await factory.NewSignedInAsync();
        var member = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Closed, capacity: 2, members: [(organiser.UserId, GroupRole.Organiser), (member.UserId, GroupRole.Member)]);
        var asker = await AskAsync(group);

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var accepted = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Accept", near: asker.Name));

        var after = await accepted.ReadDocumentAsync();
        Assert.Equal("Done. The group is full, so they are on the waiting list, and we have let them know.", after.Notice());
        Assert.Contains(asker.Name, after.QuerySelector("[data-waiting]")!.Text(), StringComparison.Ordinal);
        Assert.Null(await factory.MembershipAsync(group.Id, asker.UserId));
        Assert.Equal(JoinRequestState.Waiting, Assert.Single(await factory.RequestsAsync(group.Id, asker.UserId)).State);
        Assert.Equal("The group is full at the moment. You are number 1 on the waiting list.", (await asker.Client.GetDocumentAsync(Membership(group))).QuerySelector("[data-request-state=waiting]")!.Text());
    }

    [Fact]
    public async Task Organisers_are_told_without_names_unless_they_chose_details_and_not_while_on_a_break()
    {
        var plain = await factory.NewSignedInAsync();
        var detailed = await factory.NewSignedInAsync();
        var resting = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(
            JoinPolicy.Closed,
            members: [(plain.UserId, GroupRole.Organiser), (detailed.UserId, GroupRole.CoOrganiser), (resting.UserId, GroupRole.Organiser)]);
        using (var saved = await detailed.Client.PostFormAsync("/account/notifications", new Dictionary<string, string> { ["IncludeDetails"] = "true" }))
        {
            await saved.ReadDocumentAsync();
        }

        using (var onBreak = await resting.Client.PostFormAsync(Membership(group), new Dictionary<string, string> { ["BreakDays"] = "14" }, "main form[action*='handler=Break']"))
        {
            Assert.Equal($"{Membership(group)}?break=1", onBreak.RedirectTarget());
        }

        var asker = await AskAsync(group, "I am nervous about groups but would like to try.");

        var content = await Mailbox.WaitForAsync(factory.MailFolder, plain.Person.Email, EmailSubject);
        foreach (var secret in new[] { group.Name, group.Slug, asker.Name, "nervous about groups" })
        {
            Assert.DoesNotContain(secret, content.Subject + content.Body, StringComparison.OrdinalIgnoreCase);
        }

        // Not even the link names the group: it leads to the organiser's own groups, and from there to the request.
        Assert.Equal("https://hearth.test/groups/mine", Mailbox.FirstLink(content.Body));

        var details = await Mailbox.WaitForAsync(factory.MailFolder, detailed.Person.Email, "Someone asked to join");
        Assert.Equal($"Someone asked to join {group.Name}", details.Subject);
        Assert.Contains(group.Name, details.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(asker.Name, details.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("nervous about groups", details.Body, StringComparison.Ordinal);

        // Mail goes out in order: once an email sent later has arrived, one to the organiser on a break would have too.
        await factory.NewConfirmedPersonAsync();
        Assert.Empty(Mailbox.ReadAll(factory.MailFolder).Where(e => e.IsTo(resting.Person.Email) && !e.Subject.StartsWith(People.ConfirmSubject, StringComparison.Ordinal)).Select(e => e.Subject));
    }

    private static string Membership(Group group) => $"/groups/{group.Slug}/membership";

    private static string Manage(Group group) => $"/groups/{group.Slug}/manage";

    private async Task<(Group Group, SignedIn Organiser)> ClosedGroupAsync()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Closed, members: [(organiser.UserId, GroupRole.Organiser)]);
        return (group, organiser);
    }

    private async Task<SignedIn> AskAsync(Group group, string message = "Hello, could I come along?")
    {
        var asker = await factory.NewSignedInAsync();
        using var asked = await asker.Client.PostFormAsync(Membership(group), new Dictionary<string, string> { ["Message"] = message, ["AcceptAgreement"] = "true" }, RequestForm);
        Assert.Equal($"{Membership(group)}?asked=1", asked.RedirectTarget());
        return asker;
    }
}
