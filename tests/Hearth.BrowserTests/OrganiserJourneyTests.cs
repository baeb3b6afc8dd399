using System.Text.RegularExpressions;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hearth.BrowserTests;

/// <summary>
/// The ways into a group and the organisers on the other side of them: asking to join a closed group, an invite
/// link, a first chat, and starting a group of one's own. Two people in two browsers at once, in real Chromium,
/// with axe-core on every page either of them sees.
/// </summary>
public sealed partial class OrganiserJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Password = "lanterns over the harbour";
    private const string DemoPassword = "hearth demo sign-in";
    private const string Robin = "robin@demo.hearth.invalid";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ask_to_join_a_closed_group_and_be_accepted_by_its_organiser(bool javaScript)
    {
        var (name, email) = await NewPersonAsync();
        await using var visit = await host.OpenAsync(javaScript);
        var page = visit.Page;
        await SignIn.AsAsync(page, email, Password);

        await page.GotoAsync("/groups/rhyl-hearing-voices");
        await visit.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ask to join" }).ClickToNavigateAsync();
        await page.ExpectUrlAsync("**/groups/rhyl-hearing-voices/membership");
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("A message to the organisers (optional)").FillAsync("I have heard voices since I was a teenager. Could I come along in March?");
        await page.GetByLabel("I accept this agreement").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask to join" }).ClickToNavigateAsync();

        await page.ExpectUrlAsync("**/groups/rhyl-hearing-voices/membership?asked=1");
        Assert.Contains("You asked to join on", await page.Locator("[data-request-state=requested]").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();

        await using var organiser = await host.OpenAsync(javaScript);
        var robin = organiser.Page;
        await SignIn.AsAsync(robin, Robin, DemoPassword);
        await robin.GotoAsync("/groups/rhyl-hearing-voices/manage");
        await organiser.AssertAccessibleAsync();
        var request = robin.Locator("[data-requests] li").Filter(new() { HasText = name });
        Assert.Contains("Could I come along in March?", await request.Locator("blockquote").InnerTextAsync(), StringComparison.Ordinal);
        await request.GetByRole(AriaRole.Button, new() { Name = $"Accept {name}" }).ClickToNavigateAsync();

        await robin.ExpectUrlAsync("**/groups/rhyl-hearing-voices/manage?handler=Accept");
        Assert.Contains("They are a member now", await robin.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(name, await robin.Locator("table[data-members]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await robin.Locator("[data-requests] li").Filter(new() { HasText = name }).CountAsync());
        await organiser.AssertAccessibleAsync();

        await page.GotoAsync("/groups/rhyl-hearing-voices");
        var members = await page.Locator("[data-members]").InnerTextAsync();
        Assert.Contains(name, members, StringComparison.Ordinal);
        Assert.Contains("Robin (organiser)", members, StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
        visit.AssertNothingRequestedFromAnotherHost();
        organiser.AssertNothingRequestedFromAnotherHost();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_organiser_makes_an_invite_link_someone_joins_with_it_then_the_organiser_withdraws_it(bool javaScript)
    {
        // The demo's invite-only group has no organiser yet: Robin takes it on.
        await MakeOrganiserAsync(Robin, "taunton-dbt-skills-circle");
        var (name, email) = await NewPersonAsync();
        await using var organiser = await host.OpenAsync(javaScript);
        var robin = organiser.Page;
        await SignIn.AsAsync(robin, Robin, DemoPassword);

        await robin.GotoAsync("/groups/taunton-dbt-skills-circle/manage");
        await organiser.AssertAccessibleAsync();
        await robin.GetByLabel("The link works for").SelectOptionAsync(new SelectOptionValue { Label = "7 days" });
        await robin.GetByRole(AriaRole.Button, new() { Name = "Make an invite link" }).ClickToNavigateAsync();
        await robin.ExpectUrlAsync("**/groups/taunton-dbt-skills-circle/manage?handler=Invite");
        var link = await robin.Locator("[data-invite-link]").InputValueAsync();
        Assert.Matches(InviteLink(), link);
        await organiser.AssertAccessibleAsync();

        await using var visit = await host.OpenAsync(javaScript);
        var page = visit.Page;
        await SignIn.AsAsync(page, email, Password);
        await page.GotoAsync(Local(link));
        Assert.Equal("An invitation to Taunton DBT Skills Circle", await page.Locator("h1").InnerTextAsync());
        await visit.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the group" }).ClickToNavigateAsync();
        Assert.Contains("Accept the group agreement to join", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("I accept this agreement").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the group" }).ClickToNavigateAsync();

        await page.ExpectUrlAsync("**/groups/taunton-dbt-skills-circle?joined=1");
        Assert.Contains(name, await page.Locator("[data-members]").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();

        await robin.GotoAsync("/groups/taunton-dbt-skills-circle/manage");
        var withdraw = robin.GetByRole(AriaRole.Button, new() { Name = "Withdraw this link" });
        var invite = robin.Locator("[data-invites] tbody tr").Filter(new() { Has = withdraw }).First;
        Assert.Equal("1", (await invite.Locator("td").Nth(2).InnerTextAsync()).Trim());
        Assert.Contains(name, await robin.Locator("table[data-members]").InnerTextAsync(), StringComparison.Ordinal);
        await invite.GetByRole(AriaRole.Button, new() { Name = "Withdraw this link" }).ClickToNavigateAsync();
        await robin.ExpectUrlAsync("**/groups/taunton-dbt-skills-circle/manage?handler=Revoke");
        Assert.Contains("That link no longer works", await robin.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        await organiser.AssertAccessibleAsync();

        // Anyone who opens the link now, signed in or not, is told it was withdrawn.
        await using var stranger = await host.OpenAsync(javaScript);
        await stranger.Page.GotoAsync(Local(link));
        Assert.Contains("withdrawn by the group's organisers", await stranger.Page.Locator("[data-invite-state=revoked]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await stranger.Page.GetByRole(AriaRole.Button, new() { Name = "Join the group" }).CountAsync());
        await stranger.AssertAccessibleAsync();
        await page.GotoAsync(Local(link));
        await page.Locator("[data-invite-state=revoked]").WaitForAsync();
        visit.AssertNothingRequestedFromAnotherHost();
        organiser.AssertNothingRequestedFromAnotherHost();
        stranger.AssertNothingRequestedFromAnotherHost();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Someone_writes_to_a_groups_organisers_and_reads_their_reply(bool javaScript)
    {
        var (name, email) = await NewPersonAsync();
        await using var visit = await host.OpenAsync(javaScript);
        var page = visit.Page;
        await SignIn.AsAsync(page, email, Password);

        await page.GotoAsync("/groups/prestatyn-withdrawal-support");
        await page.GetByRole(AriaRole.Link, new() { Name = "Send the organisers a message" }).ClickToNavigateAsync();
        await page.ExpectUrlAsync("**/groups/prestatyn-withdrawal-support/chat");
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("Your message").FillAsync("Hello. Do I need to have stopped already to come along?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickToNavigateAsync();

        await page.ExpectUrlAsync("**/groups/prestatyn-withdrawal-support/chat?sent=1**");
        Assert.Contains("Do I need to have stopped already", await page.Locator("[data-chat]").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();

        await using var organiser = await host.OpenAsync(javaScript);
        var robin = organiser.Page;
        await SignIn.AsAsync(robin, Robin, DemoPassword);
        await robin.GotoAsync("/groups/prestatyn-withdrawal-support/chats");
        await organiser.AssertAccessibleAsync();
        var chat = robin.Locator("[data-chats] li").Filter(new() { HasText = name });
        Assert.Contains("New", await chat.InnerTextAsync(), StringComparison.Ordinal);
        await chat.GetByRole(AriaRole.Link, new() { Name = name }).ClickToNavigateAsync();

        await robin.ExpectUrlAsync(ConversationPage());
        Assert.Equal($"Conversation with {name}", await robin.Locator("h1").InnerTextAsync());
        Assert.Contains("Do I need to have stopped already", await robin.Locator("[data-chat]").InnerTextAsync(), StringComparison.Ordinal);
        await organiser.AssertAccessibleAsync();
        await robin.GetByLabel("Your reply").FillAsync("Not at all: some of us are still tapering, some are thinking about it. Come as you are.");
        await robin.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickToNavigateAsync();
        await robin.ExpectUrlAsync(SentReply());
        Assert.Contains("Come as you are.", await robin.Locator("[data-chat]").InnerTextAsync(), StringComparison.Ordinal);
        await organiser.AssertAccessibleAsync();

        await page.GotoAsync("/groups/prestatyn-withdrawal-support/chat");
        var lines = await page.Locator("[data-chat]").InnerTextAsync();
        Assert.Contains("Robin (for the organisers)", lines, StringComparison.Ordinal);
        Assert.Contains("Come as you are.", lines, StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
        visit.AssertNothingRequestedFromAnotherHost();
        organiser.AssertNothingRequestedFromAnotherHost();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Start_a_group_in_chard_step_by_step_and_find_it_in_the_directory(bool javaScript)
    {
        var (_, email) = await NewPersonAsync();
        var id = Guid.NewGuid().ToString("N")[..6];
        var groupName = $"Chard Hearing Voices {id}";
        var slug = $"chard-hearing-voices-{id}";
        await using var visit = await host.OpenAsync(javaScript);
        var page = visit.Page;
        await SignIn.AsAsync(page, email, Password);

        await page.GotoAsync("/groups/new");
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("Group name").FillAsync(groupName);
        await page.GetByLabel("Web address").FillAsync($"chard voices {id}");
        await page.GetByLabel("In one or two sentences").FillAsync("A small group in Chard for people who hear voices, see visions or have other unusual experiences.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickToNavigateAsync();

        // The address is refused beside its field, and what was typed is still there to correct.
        Assert.Contains("Use 3 to 60 lower-case letters", await page.Locator("#Form_Slug-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"chard voices {id}", await page.GetByLabel("Web address").InputValueAsync());
        Assert.Equal(groupName, await page.GetByLabel("Group name").InputValueAsync());
        Assert.Contains("Use 3 to 60 lower-case letters", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("Web address").FillAsync(slug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickToNavigateAsync();

        await page.GetByText("Step 2 of 5").WaitForAsync();
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("Hearing voices").CheckAsync();
        await page.GetByLabel("Everyone", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickToNavigateAsync();

        await page.GetByText("Step 3 of 5").WaitForAsync();
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("In person", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Town", new() { Exact = true }).FillAsync("Chard");
        await page.GetByLabel("Venue").FillAsync("Guildhall meeting room");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickToNavigateAsync();

        await page.GetByText("Step 4 of 5").WaitForAsync();
        await visit.AssertAccessibleAsync();
        await page.GetByLabel("Closed: people ask").CheckAsync();
        await page.GetByLabel("What is said in the group stays in the group.").CheckAsync();
        await page.GetByLabel("No one has to speak; listening is fine.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add these to the agreement" }).ClickToNavigateAsync();
        await Assertions.Expect(page.GetByLabel("The agreement", new() { Exact = true })).ToHaveValueAsync(new Regex("stays in the group.*\\n.*listening is fine", RegexOptions.Singleline));
        await visit.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickToNavigateAsync();

        await page.GetByText("Step 5 of 5").WaitForAsync();
        var check = await page.Locator("[data-check]").InnerTextAsync();
        Assert.Contains(groupName, check, StringComparison.Ordinal);
        Assert.Contains($"/groups/{slug}", check, StringComparison.Ordinal);
        Assert.Contains("Chard", check, StringComparison.Ordinal);
        Assert.Contains("Closed: people ask", check, StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the group" }).ClickToNavigateAsync();

        await page.ExpectUrlAsync($"**/groups/{slug}/manage?created=1");
        Assert.Equal($"Running {groupName}", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("organiser", await page.Locator("table[data-members]").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();

        await page.GotoAsync("/groups");
        await page.GetByLabel("Town or village").FillAsync("Chard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickToNavigateAsync();
        await page.ExpectUrlAsync("**/groups?near=Chard**");
        await page.Locator("#results").WaitForAsync();
        await visit.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = groupName }).ClickToNavigateAsync();

        await page.ExpectUrlAsync($"**/groups/{slug}");
        Assert.Contains("Guildhall meeting room, Chard", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("No one has to speak", await page.Locator("[data-agreement-summary]").InnerTextAsync(), StringComparison.Ordinal);
        await visit.AssertAccessibleAsync();
        visit.AssertNothingRequestedFromAnotherHost();
    }

    /// <summary>A confirmed account made behind the scenes; registering has its own journey in <see cref="AccountJourneyTests"/>.</summary>
    private async Task<(string Name, string Email)> NewPersonAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (name, email) = ($"Walker {id}", $"walker-{id}@example.invalid");
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>();
        var now = DateTime.UtcNow;
        var created = await users.CreateAsync(
            new HearthUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, NormalizedDisplayName = HearthUser.Normalize(name), CreatedAt = now, TermsAcceptedAt = now, HealthDataConsentAt = now },
            Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
        return (name, email);
    }

    private async Task MakeOrganiserAsync(string email, string slug)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
        var group = await db.Groups.SingleAsync(g => g.Slug == slug);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        if (!await db.GroupMembers.AnyAsync(m => m.GroupId == group.Id && m.UserId == userId))
        {
            db.GroupMembers.Add(new GroupMember { GroupId = group.Id, UserId = userId, Role = GroupRole.Organiser, JoinedAt = DateTime.UtcNow, AgreementVersionAccepted = group.AgreementVersion });
            await db.SaveChangesAsync();
        }
    }


    /// <summary>Links carry the public address; the browser visits the same path on this test host.</summary>
    private static string Local(string link) => new Uri(link).PathAndQuery;

    [GeneratedRegex("^https://[^/]+/groups/taunton-dbt-skills-circle/invite/[A-Za-z0-9_-]{20,}$")]
    private static partial Regex InviteLink();

    [GeneratedRegex("/groups/prestatyn-withdrawal-support/chats/[0-9]+$")]
    private static partial Regex ConversationPage();

    [GeneratedRegex("/groups/prestatyn-withdrawal-support/chats/[0-9]+\\?sent=1")]
    private static partial Regex SentReply();
}
