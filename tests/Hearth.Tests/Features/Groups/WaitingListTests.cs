using Hearth.Tests.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Groups;

/// <summary>A group at its ideal size: the waiting list, the place offered when one comes free, and what happens to it.</summary>
public sealed class WaitingListTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string Cardiff = "/groups/cardiff-grief-circle";

    private const string JoinForm = "main form[action*='handler=Join']";

    private const string WithdrawForm = "main form[action*='handler=Withdraw']";

    private static readonly Dictionary<string, string> Accepting = new() { ["AcceptAgreement"] = "true" };

    [Fact]
    public async Task Joining_a_full_group_puts_you_on_the_waiting_list_and_says_where_you_are_in_it()
    {
        // Cardiff is full (Eleri and Robin) and Alex has been waiting for five days.
        var person = await factory.NewSignedInAsync();
        var groupPage = await person.Client.GetDocumentAsync(Cardiff);
        Assert.Equal("The group is full at the moment; you can join its waiting list.", groupPage.QuerySelector("[data-full]")!.Text());
        Assert.Equal("Join the waiting list", groupPage.QuerySelector($"main a[href='{Cardiff}/membership']")!.Text());
        var form = await person.Client.GetDocumentAsync($"{Cardiff}/membership");
        Assert.NotNull(form.QuerySelector("[data-full]"));
        Assert.Equal("Join the waiting list", form.QuerySelector($"{JoinForm} button")!.Text());

        using var joined = await person.Client.PostFormAsync($"{Cardiff}/membership", Accepting, JoinForm);

        // Post, then redirect: reloading the page cannot post again.
        Assert.Equal($"{Cardiff}/membership?waiting=1", joined.RedirectTarget());
        var page = await person.Client.GetDocumentAsync(joined.RedirectTarget());
        Assert.Equal("The group is full at the moment. You are number 2 on the waiting list.", page.QuerySelector("[data-request-state=waiting]")!.Text());
        var groupId = await factory.GroupIdAsync("cardiff-grief-circle");
        Assert.Equal(JoinRequestState.Waiting, Assert.Single(await factory.RequestsAsync(groupId, person.UserId)).State);
        Assert.Null(await factory.MembershipAsync(groupId, person.UserId));
        var eleri = await factory.SignInAsAsync("Eleri");
        var waiting = (await eleri.GetDocumentAsync($"{Cardiff}/manage")).QuerySelectorAll("[data-waiting] li").Select(li => li.Text()).ToList();
        Assert.Equal(2, waiting.Count);
        Assert.StartsWith("Alex — waiting since", waiting[0], StringComparison.Ordinal);
        Assert.StartsWith($"{person.Name} — waiting since", waiting[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_member_leaves_the_first_person_waiting_is_offered_the_place_and_told()
    {
        var (group, _, member, first, second) = await FullGroupWithTwoWaitingAsync();

        using var left = await member.Client.PostFormAsync(Membership(group), Forms.NoFields, "main form[action*='handler=Leave']");
        Assert.Equal($"/groups/{group.Slug}?left=1", left.RedirectTarget());

        var offer = Assert.Single(await factory.RequestsAsync(group.Id, first.UserId));
        Assert.Equal(JoinRequestState.Offered, offer.State);
        Assert.InRange(offer.OfferedUntil!.Value, DateTime.UtcNow.AddDays(7).AddMinutes(-5), DateTime.UtcNow.AddDays(7));
        var email = await Mailbox.WaitForAsync(factory.MailFolder, first.Person.Email, "You have something new on Hearth");
        Assert.DoesNotContain(group.Name, email.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(group.Slug, email.Body, StringComparison.OrdinalIgnoreCase);
        var firstPage = await first.Client.GetDocumentAsync(Membership(group));
        Assert.StartsWith("A place has come free and it is yours if you want it.", firstPage.QuerySelector("[data-request-state=offered]")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(firstPage.QuerySelector("[data-agreement]"));
        Assert.Equal("Take my place", firstPage.QuerySelector($"{JoinForm} button")!.Text());
        Assert.Contains("a place is waiting for you", (await first.Client.GetDocumentAsync("/groups/mine")).QuerySelector("[data-joining]")!.Text(), StringComparison.Ordinal);

        // The place is held: the next person still waits, and a newcomer still finds the group full.
        Assert.Equal(JoinRequestState.Waiting, Assert.Single(await factory.RequestsAsync(group.Id, second.UserId)).State);
        Assert.NotNull((await second.Client.GetDocumentAsync(Membership(group))).QuerySelector("[data-request-state=waiting]"));
        var newcomer = await factory.NewSignedInAsync();
        Assert.NotNull((await newcomer.Client.GetDocumentAsync($"/groups/{group.Slug}")).QuerySelector("[data-full]"));
    }

    [Fact]
    public async Task The_person_offered_a_place_takes_it_by_accepting_the_agreement()
    {
        var (group, _, member, first, second) = await FullGroupWithTwoWaitingAsync();
        await LeaveAsync(group, member);

        using var refused = await first.Client.PostFormAsync(Membership(group), Forms.NoFields, JoinForm);
        Assert.Equal("Accept the group agreement to join", (await refused.ReadDocumentAsync()).FieldError("AcceptAgreement"));
        Assert.Null(await factory.MembershipAsync(group.Id, first.UserId));

        using var taken = await first.Client.PostFormAsync(Membership(group), Accepting, JoinForm);

        Assert.Equal($"/groups/{group.Slug}?joined=1", taken.RedirectTarget());
        Assert.Equal(GroupRole.Member, (await factory.MembershipAsync(group.Id, first.UserId))!.Role);
        Assert.Empty(await factory.RequestsAsync(group.Id, first.UserId));
        Assert.Contains(first.Name, (await first.Client.GetDocumentAsync($"/groups/{group.Slug}")).QuerySelector("[data-members]")!.Text(), StringComparison.Ordinal);
        Assert.Equal(JoinRequestState.Waiting, Assert.Single(await factory.RequestsAsync(group.Id, second.UserId)).State);
    }

    [Fact]
    public async Task Letting_an_offered_place_go_passes_it_to_the_next_person()
    {
        var (group, _, member, first, second) = await FullGroupWithTwoWaitingAsync();
        await LeaveAsync(group, member);

        using var letGo = await first.Client.PostFormAsync(Membership(group), Forms.NoFields, WithdrawForm);

        Assert.Equal($"{Membership(group)}?withdrawn=1", letGo.RedirectTarget());
        Assert.Empty(await factory.RequestsAsync(group.Id, first.UserId));
        Assert.Equal(JoinRequestState.Offered, Assert.Single(await factory.RequestsAsync(group.Id, second.UserId)).State);
        await Mailbox.WaitForAsync(factory.MailFolder, second.Person.Email, "You have something new on Hearth");
        Assert.NotNull((await second.Client.GetDocumentAsync(Membership(group))).QuerySelector("[data-request-state=offered]"));
    }

    [Fact]
    public async Task An_offer_not_taken_in_time_lapses_and_goes_to_the_next_person()
    {
        var (group, organiser, member, first, second) = await FullGroupWithTwoWaitingAsync();
        await LeaveAsync(group, member);
        await using (var db = factory.OpenDb())
        {
            var past = DateTime.UtcNow.AddMinutes(-1);
            await db.JoinRequests.Where(r => r.GroupId == group.Id && r.UserId == first.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.OfferedUntil, past));
        }

        // Looking at the waiting list lets the lapsed offer go and offers the place again.
        var secondPage = await second.Client.GetDocumentAsync(Membership(group));

        Assert.NotNull(secondPage.QuerySelector("[data-request-state=offered]"));
        Assert.Equal(JoinRequestState.Offered, Assert.Single(await factory.RequestsAsync(group.Id, second.UserId)).State);
        Assert.Empty(await factory.RequestsAsync(group.Id, first.UserId));
        await Mailbox.WaitForAsync(factory.MailFolder, second.Person.Email, "You have something new on Hearth");
        var firstPage = await first.Client.GetDocumentAsync(Membership(group));
        Assert.Null(firstPage.QuerySelector("[data-request-state=offered]"));
        Assert.NotNull(firstPage.QuerySelector("[data-full]"));
        var waiting = (await organiser.Client.GetDocumentAsync(Manage(group))).QuerySelector("[data-waiting]")!.Text();
        Assert.Contains($"{second.Name} — a place is held for them until", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Name, waiting, StringComparison.Ordinal);

        // Too late to take it now: joining again puts them back on the waiting list, not in the group.
        using var late = await first.Client.PostHandlerAsync($"{Membership(group)}?handler=Join", Accepting);
        Assert.NotNull((await first.Client.GetDocumentAsync(late.RedirectTarget())).QuerySelector("[data-request-state=waiting]"));
        Assert.Null(await factory.MembershipAsync(group.Id, first.UserId));
    }

    [Fact]
    public async Task A_member_removed_by_the_organisers_frees_a_place_for_the_first_person_waiting()
    {
        var (group, organiser, member, first, _) = await FullGroupWithTwoWaitingAsync();

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var asked = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Remove", near: member.Name));
        var confirm = await asked.ReadDocumentAsync();
        using var removed = await organiser.Client.SubmitAsync(Manage(group), confirm.QuerySelector("main .callout form")!);

        Assert.Equal("Done. They are no longer a member.", (await removed.ReadDocumentAsync()).Notice());
        Assert.Null(await factory.MembershipAsync(group.Id, member.UserId));
        Assert.Equal(JoinRequestState.Offered, Assert.Single(await factory.RequestsAsync(group.Id, first.UserId)).State);
    }

    [Fact]
    public async Task Joining_the_waiting_list_twice_says_so_and_keeps_one_place()
    {
        var (group, _, _, first, second) = await FullGroupWithTwoWaitingAsync();

        using var twice = await second.Client.PostHandlerAsync($"{Membership(group)}?handler=Join", Accepting);

        var page = await twice.ReadDocumentAsync();
        Assert.Contains("You are already on this group's waiting list", page.ErrorSummary(), StringComparison.Ordinal);
        Assert.Equal("The group is full at the moment. You are number 2 on the waiting list.", page.QuerySelector("[data-request-state=waiting]")!.Text());
        Assert.Single(await factory.RequestsAsync(group.Id, second.UserId));
        Assert.Single(await factory.RequestsAsync(group.Id, first.UserId));
    }

    [Fact]
    public async Task Leaving_the_waiting_list_moves_the_next_person_up()
    {
        var (group, _, _, first, second) = await FullGroupWithTwoWaitingAsync();

        using var left = await first.Client.PostFormAsync(Membership(group), Forms.NoFields, WithdrawForm);

        Assert.Equal($"{Membership(group)}?withdrawn=1", left.RedirectTarget());
        Assert.Empty(await factory.RequestsAsync(group.Id, first.UserId));
        Assert.Equal(
            "The group is full at the moment. You are number 1 on the waiting list.",
            (await second.Client.GetDocumentAsync(Membership(group))).QuerySelector("[data-request-state=waiting]")!.Text());
    }

    private static string Membership(Group group) => $"/groups/{group.Slug}/membership";

    private static string Manage(Group group) => $"/groups/{group.Slug}/manage";

    /// <summary>An open group for two, full, with two people on its waiting list, first and second, joined through the page.</summary>
    private async Task<(Group Group, SignedIn Organiser, SignedIn Member, SignedIn First, SignedIn Second)> FullGroupWithTwoWaitingAsync()
    {
        var organiser = await factory.NewSignedInAsync();
        var member = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Open, capacity: 2, members: [(organiser.UserId, GroupRole.Organiser), (member.UserId, GroupRole.Member)]);
        var first = await factory.NewSignedInAsync();
        var second = await factory.NewSignedInAsync();
        foreach (var (person, place) in new[] { (first, 1), (second, 2) })
        {
            using var joined = await person.Client.PostFormAsync(Membership(group), Accepting, JoinForm);
            Assert.Equal(
                $"The group is full at the moment. You are number {place} on the waiting list.",
                (await person.Client.GetDocumentAsync(joined.RedirectTarget())).QuerySelector("[data-request-state=waiting]")!.Text());
        }

        return (group, organiser, member, first, second);
    }

    private static async Task LeaveAsync(Group group, SignedIn member)
    {
        using var left = await member.Client.PostFormAsync(Membership(group), Forms.NoFields, "main form[action*='handler=Leave']");
        Assert.Equal($"/groups/{group.Slug}?left=1", left.RedirectTarget());
    }
}
