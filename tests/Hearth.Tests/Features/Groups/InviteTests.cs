using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hearth.Tests.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Groups;

/// <summary>Invite links: made on the manage page, shown once, kept only as a hash, and refused once withdrawn or expired.</summary>
public sealed class InviteTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private static readonly Dictionary<string, string> Accepting = new() { ["AcceptAgreement"] = "true" };

    [Fact]
    public async Task An_organiser_makes_a_link_that_is_shown_once_and_only_its_hash_is_kept()
    {
        var (group, organiser) = await InviteOnlyGroupAsync();

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var made = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Invite"), new Dictionary<string, string> { ["InviteDays"] = "7" });

        var page = await made.ReadDocumentAsync();
        Assert.Equal("Done. Your invite link is below.", page.Notice());
        var link = page.QuerySelector("[data-invite-link]")!.GetAttribute("value")!;
        Assert.StartsWith($"https://hearth.test/groups/{group.Slug}/invite/", link, StringComparison.Ordinal);
        var token = link.Split('/')[^1];
        Assert.True(token.Length >= 20, $"The token {token} is too short to be unguessable.");
        await using (var db = factory.OpenDb())
        {
            var stored = await db.GroupInvites.AsNoTracking().SingleAsync(i => i.GroupId == group.Id);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.TokenHash);
            Assert.DoesNotContain(token, stored.TokenHash, StringComparison.Ordinal);
            Assert.InRange(stored.ExpiresAt, DateTime.UtcNow.AddDays(7).AddMinutes(-5), DateTime.UtcNow.AddDays(7));
            Assert.Equal((0, null), (stored.Uses, stored.RevokedAt));
        }

        var later = await organiser.Client.GetDocumentAsync(Manage(group));
        Assert.Null(later.QuerySelector("[data-invite-link]"));
        Assert.DoesNotContain(token, later.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Single(later.QuerySelectorAll("[data-invites] tbody tr"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public async Task A_link_can_last_a_day_or_a_month(int days)
    {
        var (group, organiser) = await InviteOnlyGroupAsync();

        await MakeLinkAsync(group, organiser, days.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await using var db = factory.OpenDb();
        var stored = await db.GroupInvites.AsNoTracking().SingleAsync(i => i.GroupId == group.Id);
        Assert.InRange(stored.ExpiresAt, DateTime.UtcNow.AddDays(days).AddMinutes(-5), DateTime.UtcNow.AddDays(days));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("365")]
    [InlineData("-7")]
    [InlineData("a week")]
    public async Task A_lifetime_other_than_1_7_or_30_days_is_refused_and_makes_no_link(string days)
    {
        var (group, organiser) = await InviteOnlyGroupAsync();

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var refused = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Invite"), new Dictionary<string, string> { ["InviteDays"] = days });

        var page = await refused.ReadDocumentAsync();
        await using var db = factory.OpenDb();
        Assert.False(await db.GroupInvites.AnyAsync(i => i.GroupId == group.Id));
        Assert.Null(page.QuerySelector("[data-invite-link]"));
        Assert.Equal("Choose how long the link works for", page.FieldError("InviteDays"));
    }

    [Fact]
    public async Task A_signed_in_person_joins_an_unlisted_invite_only_group_through_the_link()
    {
        var (group, organiser) = await InviteOnlyGroupAsync();
        var link = await MakeLinkAsync(group, organiser);
        var person = await factory.NewSignedInAsync();

        var invitation = await person.Client.GetDocumentAsync(link);
        Assert.Equal($"An invitation to {group.Name}", invitation.Heading());
        Assert.Equal("noindex, nofollow", invitation.QuerySelector("meta[name='robots']")!.GetAttribute("content"));
        Assert.Equal(["We keep what is said here to ourselves.", "We listen without fixing."], invitation.QuerySelectorAll("[data-agreement] p").Select(p => p.Text()));

        using var refused = await person.Client.PostFormAsync(link, Forms.NoFields);
        Assert.Equal("Accept the group agreement to join", (await refused.ReadDocumentAsync()).FieldError("AcceptAgreement"));
        Assert.Null(await factory.MembershipAsync(group.Id, person.UserId));

        using var joined = await person.Client.PostFormAsync(link, Accepting);

        Assert.Equal($"/groups/{group.Slug}?joined=1", joined.RedirectTarget());
        Assert.Equal(GroupRole.Member, (await factory.MembershipAsync(group.Id, person.UserId))!.Role);
        Assert.Equal(1, await UsesAsync(group));
        Assert.Equal("1", (await organiser.Client.GetDocumentAsync(Manage(group))).QuerySelector("[data-invites] tbody tr td:nth-child(3)")!.Text());
        Assert.Equal("You are already a member of this group.", (await person.Client.GetDocumentAsync(link)).QuerySelector("main h1 + p")!.Text());

        // Only the link lets people in: the group's own page offers no way.
        var stranger = await factory.NewSignedInAsync();
        using var direct = await stranger.Client.PostHandlerAsync($"{Membership(group)}?handler=Join", Accepting);
        Assert.Contains("This group does not take new members this way", (await direct.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
        Assert.Null(await factory.MembershipAsync(group.Id, stranger.UserId));
    }

    [Fact]
    public async Task A_link_lets_someone_into_a_closed_group_without_asking()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.Closed, members: [(organiser.UserId, GroupRole.Organiser)]);
        var link = await MakeLinkAsync(group, organiser);
        var person = await factory.NewSignedInAsync();

        using var joined = await person.Client.PostFormAsync(link, Accepting);

        Assert.Equal($"/groups/{group.Slug}?joined=1", joined.RedirectTarget());
        Assert.NotNull(await factory.MembershipAsync(group.Id, person.UserId));
        Assert.Empty(await factory.RequestsAsync(group.Id, person.UserId));
    }

    [Fact]
    public async Task A_link_to_a_full_group_puts_the_person_on_its_waiting_list()
    {
        var organiser = await factory.NewSignedInAsync();
        var member = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.InviteOnly, capacity: 2, listed: false, members: [(organiser.UserId, GroupRole.Organiser), (member.UserId, GroupRole.Member)]);
        var link = await MakeLinkAsync(group, organiser);
        var person = await factory.NewSignedInAsync();
        Assert.NotNull((await person.Client.GetDocumentAsync(link)).QuerySelector("[data-full]"));

        using var joined = await person.Client.PostFormAsync(link, Accepting);

        Assert.Equal(Membership(group), joined.RedirectTarget());
        Assert.Null(await factory.MembershipAsync(group.Id, person.UserId));
        Assert.Equal(JoinRequestState.Waiting, Assert.Single(await factory.RequestsAsync(group.Id, person.UserId)).State);
        Assert.NotNull((await person.Client.GetDocumentAsync(Membership(group))).QuerySelector("[data-request-state=waiting]"));
        Assert.Equal(1, await UsesAsync(group));
    }

    [Fact]
    public async Task Someone_not_signed_in_reads_the_agreement_and_is_asked_to_sign_in_but_cannot_join()
    {
        var (group, organiser) = await InviteOnlyGroupAsync();
        var link = await MakeLinkAsync(group, organiser);
        var anonymous = factory.CreateBrowserLikeClient();

        var invitation = await anonymous.GetDocumentAsync(link);

        Assert.NotNull(invitation.QuerySelector("[data-agreement]"));
        Assert.Equal($"/account/sign-in?returnUrl={Uri.EscapeDataString(link)}", invitation.QuerySelector("main a.button[href^='/account/sign-in']")!.GetAttribute("href"));
        Assert.Null(invitation.QuerySelector("main form[method=post]"));

        using var posted = await anonymous.PostHandlerAsync(link, Accepting);

        Assert.StartsWith("/account/sign-in", posted.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(0, await UsesAsync(group));
        await using var db = factory.OpenDb();
        Assert.Equal(1, await db.GroupMembers.CountAsync(m => m.GroupId == group.Id));
    }

    [Fact]
    public async Task A_withdrawn_link_says_so_and_lets_no_one_in()
    {
        var (group, organiser) = await InviteOnlyGroupAsync();
        var link = await MakeLinkAsync(group, organiser);

        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var revoked = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Revoke"));

        var after = await revoked.ReadDocumentAsync();
        Assert.Equal("Done. That link no longer works.", after.Notice());
        Assert.Equal("Withdrawn", after.QuerySelector("[data-invites] tbody tr td:nth-child(2)")!.Text());
        Assert.Null(after.QuerySelector("main form[action*='handler=Revoke']"));
        await AssertRefusedAsync(group, link, "revoked", "This invite link has been withdrawn by the group's organisers");
    }

    [Fact]
    public async Task An_expired_link_says_so_and_lets_no_one_in()
    {
        var (group, organiser) = await InviteOnlyGroupAsync();
        var link = await MakeLinkAsync(group, organiser, "1");
        await using (var db = factory.OpenDb())
        {
            var past = DateTime.UtcNow.AddMinutes(-1);
            await db.GroupInvites.Where(i => i.GroupId == group.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, past));
        }

        await AssertRefusedAsync(group, link, "expired", "This invite link has expired");
        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        Assert.Equal("Expired", manage.QuerySelector("[data-invites] tbody tr td:nth-child(2)")!.Text());
    }

    [Fact]
    public async Task An_unknown_link_is_not_found()
    {
        var (group, organiser) = await InviteOnlyGroupAsync();
        await MakeLinkAsync(group, organiser);
        var person = await factory.NewSignedInAsync();

        await person.Client.GetDocumentAsync($"/groups/{group.Slug}/invite/not-a-real-token-at-all", HttpStatusCode.NotFound);
        using var posted = await person.Client.PostHandlerAsync($"/groups/{group.Slug}/invite/not-a-real-token-at-all", Accepting);

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Null(await factory.MembershipAsync(group.Id, person.UserId));
    }

    [Fact]
    public async Task A_link_for_one_group_used_with_another_groups_address_is_not_found()
    {
        var (group, organiser) = await InviteOnlyGroupAsync();
        var link = await MakeLinkAsync(group, organiser);
        var token = link.Split('/')[^1];
        var person = await factory.NewSignedInAsync();
        var elsewhere = "/groups/prestatyn-withdrawal-support/invite/" + token;

        await person.Client.GetDocumentAsync(elsewhere, HttpStatusCode.NotFound);
        using var posted = await person.Client.PostHandlerAsync(elsewhere, Accepting);

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Null(await factory.MembershipAsync(await factory.GroupIdAsync("prestatyn-withdrawal-support"), person.UserId));
        Assert.Null(await factory.MembershipAsync(group.Id, person.UserId));
        Assert.Equal(0, await UsesAsync(group));
    }

    private static string Manage(Group group) => $"/groups/{group.Slug}/manage";

    private static string Membership(Group group) => $"/groups/{group.Slug}/membership";

    private async Task<(Group Group, SignedIn Organiser)> InviteOnlyGroupAsync()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(JoinPolicy.InviteOnly, listed: false, members: [(organiser.UserId, GroupRole.Organiser)]);
        return (group, organiser);
    }

    /// <summary>Makes a link on the manage page and returns it as a path on this site.</summary>
    private static async Task<string> MakeLinkAsync(Group group, SignedIn organiser, string days = "7")
    {
        var manage = await organiser.Client.GetDocumentAsync(Manage(group));
        using var made = await organiser.Client.SubmitAsync(Manage(group), manage.HandlerForm("Invite"), new Dictionary<string, string> { ["InviteDays"] = days });
        var link = (await made.ReadDocumentAsync()).QuerySelector("[data-invite-link]")!.GetAttribute("value")!;
        return new Uri(link).AbsolutePath;
    }

    private async Task<int> UsesAsync(Group group)
    {
        await using var db = factory.OpenDb();
        return await db.GroupInvites.Where(i => i.GroupId == group.Id).SumAsync(i => i.Uses);
    }

    /// <summary>The link's page says why it no longer works, offers no form, and a post made anyway changes nothing.</summary>
    private async Task AssertRefusedAsync(Group group, string link, string state, string says)
    {
        var person = await factory.NewSignedInAsync();
        var page = await person.Client.GetDocumentAsync(link);
        Assert.StartsWith(says, page.QuerySelector($"[data-invite-state={state}]")!.Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-agreement]"));
        Assert.Null(page.QuerySelector("main form[method=post]"));

        using var posted = await person.Client.PostHandlerAsync(link, Accepting);

        Assert.NotNull((await posted.ReadDocumentAsync()).QuerySelector($"[data-invite-state={state}]"));
        Assert.Null(await factory.MembershipAsync(group.Id, person.UserId));
        Assert.Empty(await factory.RequestsAsync(group.Id, person.UserId));
        Assert.Equal(0, await UsesAsync(group));
    }
}
