using Hearth.Tests.Data;
using Hearth.Tests.Features.Accounts;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Groups;

/// <summary>Joining and leaving, and who may see who belongs: members only, never anyone else, whatever their role.</summary>
public sealed class MembershipTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string Prestatyn = "/groups/prestatyn-withdrawal-support";
    private const string Cardiff = "/groups/cardiff-grief-circle";

    private const string LeaveForm = "main form[action*='handler=Leave']";

    private static string Demo(string name) => AccountsDemoData.People.Single(p => p.DisplayName == name).Email;

    private Task<HttpClient> AsAsync(string name) => factory.SignInAsync(Demo(name), AccountsDemoData.Password);

    [Theory]
    [InlineData(null)]
    [InlineData("Alex")]
    [InlineData("Sam")]
    [InlineData("Jo")]
    public async Task Only_members_see_who_belongs_and_a_members_only_address(string? viewer)
    {
        var client = viewer is null ? factory.CreateBrowserLikeClient() : await AsAsync(viewer);

        var cardiff = await client.GetDocumentAsync(Cardiff);

        // Organisers' names are public; the rest of the membership is not.
        Assert.Equal("Eleri", cardiff.QuerySelector("[data-organisers]")!.Text());
        Assert.Null(cardiff.QuerySelector("[data-members]"));
        Assert.DoesNotContain("Heol y Frenhines", cardiff.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_sees_the_member_list_and_the_address()
    {
        var eleri = await AsAsync("Eleri");
        var sam = await AsAsync("Sam");

        var cardiff = await eleri.GetDocumentAsync(Cardiff);
        var prestatyn = await sam.GetDocumentAsync(Prestatyn);

        Assert.Contains("Heol y Frenhines", cardiff.MainText(), StringComparison.Ordinal);
        var members = prestatyn.QuerySelectorAll("[data-members] li").Select(li => li.Text()).ToList();
        Assert.Contains("Robin (organiser)", members);
        Assert.Contains("Sam", members);
    }

    [Fact]
    public async Task Joining_an_open_group_needs_the_agreement_accepted()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        var page = await client.GetDocumentAsync($"{Prestatyn}/membership");
        Assert.Contains("We never give advice about medication or doses.", page.QuerySelector("[data-agreement]")!.Text(), StringComparison.Ordinal);

        using var refused = await client.PostFormAsync($"{Prestatyn}/membership", new Dictionary<string, string>());
        Assert.Equal("Accept the group agreement to join", (await refused.ReadDocumentAsync()).QuerySelector("#AcceptAgreement-error")!.Text());
        Assert.False(await IsMemberAsync(person.Email, "prestatyn-withdrawal-support"));

        using var joined = await client.PostFormAsync($"{Prestatyn}/membership", new Dictionary<string, string> { ["AcceptAgreement"] = "true" });

        Assert.Equal($"{Prestatyn}?joined=1", joined.RedirectTarget());
        Assert.True(await IsMemberAsync(person.Email, "prestatyn-withdrawal-support"));
        var after = await client.GetDocumentAsync($"{Prestatyn}?joined=1");
        Assert.Contains("Welcome to Prestatyn Withdrawal Support.", after.MainText(), StringComparison.Ordinal);
        Assert.Contains(person.DisplayName, after.QuerySelector("[data-members]")!.Text(), StringComparison.Ordinal);

        using var twice = await PostJoinAsync(client, Prestatyn);
        Assert.Contains("You are already a member of this group", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await CountMembershipsAsync(person.Email));
    }

    [Fact]
    public async Task A_closed_group_cannot_be_joined_directly()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        using var response = await PostJoinAsync(client, "/groups/rhyl-hearing-voices");

        Assert.Contains("This group does not take new members this way", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountMembershipsAsync(person.Email));
    }

    [Fact]
    public async Task Leaving_ends_the_membership_and_the_member_list_disappears()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        await client.PostFormAsync($"{Prestatyn}/membership", new Dictionary<string, string> { ["AcceptAgreement"] = "true" });

        using var left = await client.PostFormAsync($"{Prestatyn}/membership", Forms.NoFields, LeaveForm);

        Assert.Equal($"{Prestatyn}?left=1", left.RedirectTarget());
        Assert.False(await IsMemberAsync(person.Email, "prestatyn-withdrawal-support"));
        Assert.Null((await client.GetDocumentAsync(Prestatyn)).QuerySelector("[data-members]"));
    }

    [Fact]
    public async Task The_only_organiser_cannot_leave_without_handing_over()
    {
        var eleri = await AsAsync("Eleri");

        using var response = await eleri.PostFormAsync($"{Cardiff}/membership", Forms.NoFields, LeaveForm);

        Assert.Contains("Hand over to another member before you leave", (await response.ReadDocumentAsync()).QuerySelector("[data-error-summary]")!.Text(), StringComparison.Ordinal);
        Assert.True(await IsMemberAsync(Demo("Eleri"), "cardiff-grief-circle"));
    }

    [Fact]
    public async Task Joining_and_leaving_need_a_signed_in_person()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri($"{Prestatyn}/membership", UriKind.Relative));

        Assert.StartsWith("/account/sign-in?returnUrl=", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_groups_are_in_my_data_download()
    {
        var sam = await AsAsync("Sam");

        using var response = await sam.PostFormAsync("/account/export", new Dictionary<string, string>());
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        var json = await new StreamReader(zip.GetEntry("hearth-data.json")!.Open()).ReadToEndAsync();

        Assert.Contains("\"group\": \"Prestatyn Withdrawal Support\"", json, StringComparison.Ordinal);
    }

    /// <summary>Posts straight to the Join handler, as a second tab or a crafted request would.</summary>
    private static async Task<HttpResponseMessage> PostJoinAsync(HttpClient client, string group)
    {
        var antiforgery = (await client.GetDocumentAsync("/account")).QuerySelector("input[name='__antiforgery']")!.GetAttribute("value")!;
        return await client.PostAsync(new Uri($"{group}/membership?handler=Join", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["AcceptAgreement"] = "true", ["__antiforgery"] = antiforgery }));
    }

    private async Task<bool> IsMemberAsync(string email, string slug)
    {
        await using var db = MigrationTests.Open(factory.Database.Options);
        return await (from m in db.GroupMembers
                      join u in db.Users on m.UserId equals u.Id
                      join g in db.Groups on m.GroupId equals g.Id
                      where u.Email == email && g.Slug == slug
                      select m).AnyAsync();
    }

    private async Task<int> CountMembershipsAsync(string email)
    {
        await using var db = MigrationTests.Open(factory.Database.Options);
        return await db.GroupMembers.CountAsync(m => db.Users.Any(u => u.Id == m.UserId && u.Email == email));
    }
}
