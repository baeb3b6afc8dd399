using Hearth.Tests.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Accounts;

/// <summary>Deleting an account: a grace period to change one's mind, then everything personal is erased.</summary>
public sealed class DeletionTests(ClockFactory factory) : IClassFixture<ClockFactory>
{
    [Fact]
    public async Task Asking_to_delete_signs_out_everywhere_emails_a_notice_and_erases_after_the_grace_period()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        var other = await factory.SignInAsync(person);
        var id = (await factory.FindUserAsync(person.Email)).Id;

        using var asked = await client.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Contributions"] = "keep", ["CurrentPassword"] = person.Password });

        Assert.StartsWith("/account/deletion-scheduled", asked.RedirectTarget(), StringComparison.Ordinal);
        var user = await factory.FindUserAsync(person.Email);
        Assert.NotNull(user.DeletionDueAt);
        Assert.False(user.DeletionErasesContributions);
        Assert.All(await factory.SessionsAsync(id), s => Assert.NotNull(s.EndedAt));
        Assert.StartsWith("/account/sign-in", (await other.GetAsync(new Uri("/account", UriKind.Relative))).RedirectTarget(), StringComparison.Ordinal);
        await Mailbox.WaitForAsync(factory.MailFolder, person.Email, "will be deleted");

        var eraser = factory.Services.GetRequiredService<AccountEraser>();
        factory.Clock.Advance(TimeSpan.FromDays(13));
        await eraser.EraseDueAsync(CancellationToken.None);
        Assert.NotNull(await factory.FindUserOrNullAsync(person.Email));

        factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.True(await eraser.EraseDueAsync(CancellationToken.None) >= 1);

        Assert.Null(await factory.FindUserOrNullAsync(person.Email));
        await using var db = MigrationTests.Open(factory.Database.Options);
        Assert.Equal(0, await db.UserSessions.CountAsync(s => s.UserId == id));
        Assert.Equal(0, await db.SecurityEvents.CountAsync(e => e.UserId == id));
        Assert.Equal(0, await db.UserRoles.CountAsync(r => r.UserId == id));
        Assert.Equal(0, await eraser.EraseDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Signing_in_during_the_grace_period_cancels_the_deletion()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        await client.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Contributions"] = "erase", ["CurrentPassword"] = person.Password });
        factory.Clock.Advance(TimeSpan.FromDays(3));

        using var back = await factory.CreateBrowserLikeClient().PostSignInAsync(person.Email, person.Password);

        Assert.Equal("/account?deletion=cancelled", back.RedirectTarget());
        Assert.Null((await factory.FindUserAsync(person.Email)).DeletionDueAt);
        Assert.Contains(SecurityEventKind.DeletionCancelled, await factory.SecurityEventsAsync((await factory.FindUserAsync(person.Email)).Id));
        factory.Clock.Advance(TimeSpan.FromDays(30));
        await factory.Services.GetRequiredService<AccountEraser>().EraseDueAsync(CancellationToken.None);
        Assert.NotNull(await factory.FindUserOrNullAsync(person.Email));
    }

    [Fact]
    public async Task Without_a_choice_or_with_a_wrong_password_nothing_changes_and_the_answer_is_beside_the_field()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);

        using var noChoice = await client.PostFormAsync("/account/delete", new Dictionary<string, string> { ["CurrentPassword"] = person.Password });
        var page = await noChoice.ReadDocumentAsync();
        Assert.Equal("Choose what should happen to what you wrote in groups", page.QuerySelector("#Contributions-error")!.Text());
        Assert.NotNull(page.QuerySelector("[data-error-summary] a[href='#Contributions']"));

        using var wrong = await client.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Contributions"] = "keep", ["CurrentPassword"] = "not my password" });
        Assert.Equal("Your current password is not right", (await wrong.ReadDocumentAsync()).QuerySelector("#CurrentPassword-error")!.Text());
        Assert.Null((await factory.FindUserAsync(person.Email)).DeletionDueAt);
    }
}
