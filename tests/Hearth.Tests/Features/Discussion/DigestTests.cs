using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Discussion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Discussion;

/// <summary>
/// The optional daily digest: only for those who chose it, content-free unless they chose details, at most one a
/// day, and nothing about a group someone is taking a break from.
/// </summary>
public sealed class DigestTests(DigestTests.DigestFactory factory) : IClassFixture<DigestTests.DigestFactory>
{
    /// <summary>Digests are written outside any request, so their links need the configured public address.</summary>
    public sealed class DigestFactory : AccountsFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["Hearth:Mail:BaseUrl"] = "https://hearth.test" };
    }

    [Fact]
    public async Task A_person_who_chose_the_digest_gets_one_content_free_email_a_day()
    {
        var g = await factory.DiscussionGroupAsync();
        var (ana, ben, cal) = (g.Members[0], g.Members[1], g.Members[2]);
        await ChooseAsync(ana, digest: true, details: false);
        await ChooseAsync(cal, digest: true, details: false);
        await using (var db = factory.OpenDb())
        {
            await db.GroupMembers.Where(m => m.GroupId == g.Group.Id && m.UserId == cal.UserId).ExecuteUpdateAsync(s => s.SetProperty(m => m.BreakUntil, DateTime.UtcNow.AddDays(7)));
        }

        var title = DiscussionFlows.Unique("Secret topic title");
        var topic = await ana.Client.StartTopicAsync(g.Discussion, title, "First words.");
        using (await cal.Client.ReplyAsync(g.Topic(topic), "Cal says hello."))
        using (await ben.Client.ReplyAsync(g.Topic(topic), "Ben says hello."))
        {
        }

        Assert.True(await RunAsync() >= 1);
        var email = await Mailbox.WaitForAsync(factory.MailFolder, ana.Person.Email, "New things in your Hearth groups");
        Assert.Contains("There are 2 new things for you", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(title, email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(g.Group.Name, email.Body + email.Subject, StringComparison.Ordinal);
        Assert.Contains("https://hearth.test/notifications", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Mailbox.ReadAll(factory.MailFolder), m => m.IsTo(cal.Person.Email) && m.Subject.Contains("Hearth groups", StringComparison.Ordinal));
        Assert.DoesNotContain(Mailbox.ReadAll(factory.MailFolder), m => m.IsTo(ben.Person.Email) && m.Subject.Contains("Hearth groups", StringComparison.Ordinal));

        using (await ben.Client.ReplyAsync(g.Topic(topic), "And again."))
        {
        }

        await RunAsync();
        await Task.Delay(300);
        Assert.Single(Mailbox.ReadAll(factory.MailFolder), m => m.IsTo(ana.Person.Email) && m.Subject.Contains("Hearth groups", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_details_chosen_the_digest_names_each_group_and_topic()
    {
        var g = await factory.DiscussionGroupAsync();
        await ChooseAsync(g.Members[0], digest: true, details: true);
        var title = DiscussionFlows.Unique("Named topic");
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, title, "Words.");
        using (await g.Members[1].Client.ReplyAsync(g.Topic(topic), "A reply."))
        {
        }

        await RunAsync();
        var email = await Mailbox.WaitForAsync(factory.MailFolder, g.Members[0].Person.Email, "new in your Hearth groups");
        Assert.Contains($"- A new reply in {g.Group.Name}: {title}", email.Body, StringComparison.Ordinal);
    }

    private static async Task ChooseAsync(SignedIn person, bool digest, bool details)
    {
        var fields = new Dictionary<string, string> { ["RemindDayBefore"] = "true", ["RemindHoursBefore"] = "true" };
        if (digest)
        {
            fields["DiscussionDigest"] = "true";
        }

        if (details)
        {
            fields["IncludeDetails"] = "true";
        }

        using var response = await person.Client.PostFormAsync("/account/notifications", fields);
        Assert.Contains("saved", (await response.ReadDocumentAsync()).Notice(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<int> RunAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DiscussionDigests>().RunOnceAsync(CancellationToken.None);
    }
}
