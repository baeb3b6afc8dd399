using System.Globalization;
using System.Net;
using Hearth.Tests.Features.Accounts;
using Hearth.Web.Features.Groups;

namespace Hearth.Tests.Features.Groups;

/// <summary>Running a group: roles and hand-over, removing a member, and what co-organisers may and may not do.</summary>
public sealed class ManageTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task An_organiser_makes_a_member_a_co_organiser_who_can_then_help_run_the_group()
    {
        var (group, organiser, member) = await GroupOfTwoAsync();

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var changed = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Role", near: member.Name, with: ("role", "CoOrganiser")));

        Assert.Equal("Done. Their role has changed.", (await changed.ReadDocumentAsync()).Notice());
        Assert.Equal(GroupRole.CoOrganiser, (await factory.MembershipAsync(group.Id, member.UserId))!.Role);
        Assert.Equal($"Running {group.Name}", (await member.Client.GetDocumentAsync(Manage(group))).Heading());
        Assert.NotNull((await member.Client.GetDocumentAsync($"/groups/{group.Slug}")).QuerySelector($"main a[href='{Manage(group)}']"));
    }

    [Fact]
    public async Task Making_a_member_an_organiser_hands_the_group_over_and_the_old_organiser_can_then_leave()
    {
        var (group, organiser, member) = await GroupOfTwoAsync();
        using (var refused = await organiser.Client.PostFormAsync(Membership(group), Forms.NoFields, "main form[action*='handler=Leave']"))
        {
            Assert.Contains("Hand over to another member before you leave", (await refused.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
        }

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using (var handed = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Role", near: member.Name, with: ("role", "Organiser"))))
        {
            Assert.Equal("Done. Their role has changed.", (await handed.ReadDocumentAsync()).Notice());
        }

        var both = (await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/{group.Slug}")).QuerySelector("[data-organisers]")!.Text();
        Assert.Contains(organiser.Name, both, StringComparison.Ordinal);
        Assert.Contains(member.Name, both, StringComparison.Ordinal);

        using var left = await organiser.Client.PostFormAsync(Membership(group), Forms.NoFields, "main form[action*='handler=Leave']");

        Assert.Equal($"/groups/{group.Slug}?left=1", left.RedirectTarget());
        Assert.Null(await factory.MembershipAsync(group.Id, organiser.UserId));
        Assert.Equal(GroupRole.Organiser, (await factory.MembershipAsync(group.Id, member.UserId))!.Role);
        Assert.Equal(member.Name, (await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/{group.Slug}")).QuerySelector("[data-organisers]")!.Text());
        await organiser.Client.GetDocumentAsync(Manage(group), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_only_organiser_cannot_step_down_but_can_once_there_is_another()
    {
        var (group, organiser, member) = await GroupOfTwoAsync();

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using (var refused = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("StepDown")))
        {
            var page = await refused.ReadDocumentAsync();
            Assert.Contains("You are this group's only organiser. Make another member an organiser first", page.ErrorSummary(), StringComparison.Ordinal);
            Assert.Null(page.Notice());
        }

        Assert.Equal(GroupRole.Organiser, (await factory.MembershipAsync(group.Id, organiser.UserId))!.Role);

        manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using (var handed = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Role", near: member.Name, with: ("role", "Organiser"))))
        {
            await handed.ReadDocumentAsync();
        }

        manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var steppedDown = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("StepDown"));

        Assert.Equal($"/groups/{group.Slug}", steppedDown.RedirectTarget());
        Assert.Equal(GroupRole.Member, (await factory.MembershipAsync(group.Id, organiser.UserId))!.Role);
        await organiser.Client.GetDocumentAsync(Manage(group), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Removing_a_member_asks_first_and_only_the_confirmation_removes_them()
    {
        var (group, organiser, member) = await GroupOfTwoAsync();

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var asked = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Remove", near: member.Name));

        var confirm = await asked.ReadDocumentAsync();
        Assert.Equal($"Remove {member.Name} from the group?", confirm.QuerySelector("#confirm-removal")!.Text());
        Assert.Null(confirm.Notice());
        Assert.Null(confirm.ErrorSummary());
        Assert.NotNull(await factory.MembershipAsync(group.Id, member.UserId));

        using var removed = await organiser.Client.SubmitAsync(Manage(group), confirm.QuerySelector("main .callout form")!);

        var after = await removed.ReadDocumentAsync();
        Assert.Equal("Done. They are no longer a member.", after.Notice());
        Assert.DoesNotContain(after.QuerySelectorAll("[data-members] td"), td => td.Text() == member.Name);
        Assert.Null(await factory.MembershipAsync(group.Id, member.UserId));
        Assert.Null((await member.Client.GetDocumentAsync($"/groups/{group.Slug}")).QuerySelector("[data-members]"));

        // "They are not sent a message about it": once an email sent later has arrived, one to them would have too.
        await factory.NewConfirmedPersonAsync();
        Assert.DoesNotContain(Mailbox.ReadAll(factory.MailFolder), e => e.IsTo(member.Person.Email) && !e.Subject.StartsWith("Confirm your email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_co_organiser_answers_requests_and_makes_invite_links()
    {
        var organiser = await factory.NewSignedInAsync();
        var helper = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Closed, members: [(organiser.UserId, GroupRole.Organiser), (helper.UserId, GroupRole.CoOrganiser)]);
        var asker = await factory.NewSignedInAsync();
        using (var asked = await asker.Client.PostFormAsync(Membership(group), new Dictionary<string, string> { ["AcceptAgreement"] = "true" }, "main form[action*='handler=Request']"))
        {
            Assert.Equal($"{Membership(group)}?asked=1", asked.RedirectTarget());
        }

        var manage = await helper.Client.GetDocumentAsync(Manage(group));
        using (var accepted = await helper.Client.SubmitAsync(Manage(group), manage.HandlerForm("Accept", near: asker.Name)))
        {
            Assert.Equal("Done. They are a member now, and we have let them know.", (await accepted.ReadDocumentAsync()).Notice());
        }

        Assert.Equal(GroupRole.Member, (await factory.MembershipAsync(group.Id, asker.UserId))!.Role);

        manage = await helper.Client.GetDocumentAsync(Manage(group));
        using var invited = await helper.Client.SubmitAsync(Manage(group), manage.HandlerForm("Invite"), new Dictionary<string, string> { ["InviteDays"] = "7" });

        Assert.StartsWith($"https://hearth.test/groups/{group.Slug}/invite/", (await invited.ReadDocumentAsync()).QuerySelector("[data-invite-link]")!.GetAttribute("value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_co_organiser_cannot_change_roles_remove_anyone_or_change_the_details()
    {
        var organiser = await factory.NewSignedInAsync();
        var helper = await factory.NewSignedInAsync();
        var member = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(
            JoinPolicy.Open,
            members: [(organiser.UserId, GroupRole.Organiser), (helper.UserId, GroupRole.CoOrganiser), (member.UserId, GroupRole.Member)]);
        var memberId = Id((await factory.MembershipAsync(group.Id, member.UserId))!.Id);

        var manage = await helper.Client.GetDocumentAsync(Manage(group));
        Assert.Empty(manage.QuerySelectorAll("main form[action*='handler=Role'], main form[action*='handler=Remove']"));
        Assert.Null(manage.QuerySelector($"main a[href='/groups/{group.Slug}/edit']"));

        using (var promoted = await helper.Client.PostHandlerAsync($"{Manage(group)}?handler=Role", new Dictionary<string, string> { ["memberId"] = memberId, ["role"] = "Organiser" }))
        {
            Assert.StartsWith("/account/access-denied", promoted.RedirectTarget(), StringComparison.Ordinal);
        }

        using (var removed = await helper.Client.PostHandlerAsync($"{Manage(group)}?handler=Remove", new Dictionary<string, string> { ["memberId"] = memberId, ["confirm"] = "true" }))
        {
            Assert.StartsWith("/account/access-denied", removed.RedirectTarget(), StringComparison.Ordinal);
        }

        Assert.Equal(GroupRole.Member, (await factory.MembershipAsync(group.Id, member.UserId))!.Role);
        await helper.Client.GetDocumentAsync($"/groups/{group.Slug}/edit", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_organiser_cannot_demote_or_remove_another_organiser()
    {
        var first = await factory.NewSignedInAsync();
        var second = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Open, members: [(first.UserId, GroupRole.Organiser), (second.UserId, GroupRole.Organiser)]);
        var secondId = Id((await factory.MembershipAsync(group.Id, second.UserId))!.Id);

        var manage = await first.Client.GetDocumentAsync(Manage(group));
        var row = manage.QuerySelectorAll("[data-members] tbody tr").Single(tr => tr.QuerySelector("td")!.Text() == second.Name);
        Assert.Empty(row.QuerySelectorAll("form"));

        using (var demoted = await first.Client.PostHandlerAsync($"{Manage(group)}?handler=Role", new Dictionary<string, string> { ["memberId"] = secondId, ["role"] = "Member" }))
        {
            Assert.Contains("Nothing changed", (await demoted.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
        }

        using (var removed = await first.Client.PostHandlerAsync($"{Manage(group)}?handler=Remove", new Dictionary<string, string> { ["memberId"] = secondId, ["confirm"] = "true" }))
        {
            Assert.Contains("Nothing changed", (await removed.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
        }

        Assert.Equal(GroupRole.Organiser, (await factory.MembershipAsync(group.Id, second.UserId))!.Role);
    }

    [Theory]
    [InlineData("Boss")]
    [InlineData("7")]
    [InlineData("")]
    public async Task A_role_that_is_not_one_of_the_three_changes_nothing(string role)
    {
        var organiser = await factory.NewSignedInAsync();
        var helper = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Open, members: [(organiser.UserId, GroupRole.Organiser), (helper.UserId, GroupRole.CoOrganiser)]);
        var helperId = Id((await factory.MembershipAsync(group.Id, helper.UserId))!.Id);

        using var response = await organiser.Client.PostHandlerAsync($"{Manage(group)}?handler=Role", new Dictionary<string, string> { ["memberId"] = helperId, ["role"] = role });

        var page = await response.ReadDocumentAsync();
        Assert.Null(page.Notice());
        Assert.Contains("Nothing changed", page.ErrorSummary(), StringComparison.Ordinal);
        Assert.Equal(GroupRole.CoOrganiser, (await factory.MembershipAsync(group.Id, helper.UserId))!.Role);
    }

    [Fact]
    public async Task People_who_do_not_run_the_group_are_told_it_is_not_found()
    {
        var (group, _, member) = await GroupOfTwoAsync();
        var stranger = await factory.NewSignedInAsync();
        var eleri = await factory.SignInAsAsync("Eleri");

        foreach (var client in new[] { member.Client, stranger.Client, eleri })
        {
            await client.GetDocumentAsync(Manage(group), HttpStatusCode.NotFound);
            using var posted = await client.PostHandlerAsync($"{Manage(group)}?handler=Invite", new Dictionary<string, string> { ["InviteDays"] = "7" });
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        await using (var db = factory.OpenDb())
        {
            Assert.False(db.GroupInvites.Any(i => i.GroupId == group.Id));
        }

        using var anonymous = await factory.CreateBrowserLikeClient().GetAsync(new Uri(Manage(group), UriKind.Relative));
        Assert.StartsWith("/account/sign-in?returnUrl=", anonymous.RedirectTarget(), StringComparison.Ordinal);
    }

    private static string Manage(Group group) => $"/groups/{group.Slug}/manage";

    private static string Membership(Group group) => $"/groups/{group.Slug}/membership";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(Group Group, SignedIn Organiser, SignedIn Member)> GroupOfTwoAsync()
    {
        var organiser = await factory.NewSignedInAsync();
        var member = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Open, members: [(organiser.UserId, GroupRole.Organiser), (member.UserId, GroupRole.Member)]);
        return (group, organiser, member);
    }
}
