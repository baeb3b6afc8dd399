using System.Globalization;
using AngleSharp.Dom;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Discussion;

/// <summary>A group of the test's own with an organiser and members, all signed in and past the new-account limits.</summary>
public sealed record TestGroup(Group Group, SignedIn Organiser, IReadOnlyList<SignedIn> Members)
{
    public string Discussion => $"/groups/{Group.Slug}/discussion";

    public string Topic(int id) => $"{Discussion}/{id}";
}

public static class DiscussionFlows
{
    public const string ReplyForm = "main form[action*='handler=Reply']";

    public static async Task<TestGroup> DiscussionGroupAsync(this HearthFactory factory, int members = 3)
    {
        var organiser = await factory.EstablishedPersonAsync();
        var people = new List<SignedIn>();
        for (var i = 0; i < members; i++)
        {
            people.Add(await factory.EstablishedPersonAsync());
        }

        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser), .. people.Select(p => (p.UserId, GroupRole.Member))]);
        return new TestGroup(group, organiser, people);
    }

    /// <summary>
    /// A confirmed account a month old (past the first day's limits: no links, few posts an hour), made through
    /// Identity rather than the registration pages (their own tests cover them), then signed in through the real form.
    /// </summary>
    public static async Task<SignedIn> EstablishedPersonAsync(this HearthFactory factory)
    {
        var person = Person.Unique();
        var monthAgo = DateTime.UtcNow.AddDays(-30);
        var user = new HearthUser
        {
            UserName = person.Email,
            Email = person.Email,
            EmailConfirmed = true,
            DisplayName = person.DisplayName,
            NormalizedDisplayName = HearthUser.Normalize(person.DisplayName),
            CreatedAt = monthAgo,
            TermsAcceptedAt = monthAgo,
            HealthDataConsentAt = monthAgo,
        };
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>().CreateAsync(user, person.Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        return new SignedIn(person, await factory.SignInAsync(person), user.Id);
    }

    /// <summary>Starts a topic through the form and returns its id.</summary>
    public static async Task<int> StartTopicAsync(this HttpClient client, string discussion, string title, string body, string? warning = null, bool announcement = false)
    {
        var fields = new Dictionary<string, string> { ["Title"] = title, ["Body"] = body, ["ContentWarning"] = warning ?? "" };
        if (announcement)
        {
            fields["Announcement"] = "true";
        }

        using var response = await client.PostFormAsync($"{discussion}/new", fields);
        var target = response.RedirectTarget();
        Assert.StartsWith($"{discussion}/", target, StringComparison.Ordinal);
        return int.Parse(target[(discussion.Length + 1)..].Split('?', '#')[0], CultureInfo.InvariantCulture);
    }

    public static async Task<HttpResponseMessage> ReplyAsync(this HttpClient client, string topic, string body, string? warning = null, bool postAnyway = false)
    {
        var fields = new Dictionary<string, string> { ["Body"] = body, ["ContentWarning"] = warning ?? "" };
        if (postAnyway)
        {
            fields["PostAnyway"] = "true";
        }

        return await client.PostFormAsync(topic, fields, ReplyForm);
    }

    /// <summary>The post whose text contains <paramref name="words"/>, as stored.</summary>
    public static async Task<Hearth.Web.Features.Discussion.Post> PostAsync(this HearthFactory factory, string words)
    {
        await using var db = factory.OpenDb();
        return await db.Posts.AsNoTracking().SingleAsync(p => p.Body.Contains(words));
    }

    public static IHtmlCollection<IElement> Posts(this IDocument page) => page.QuerySelectorAll("article[data-post]");

    public static string Unique(string words) => $"{words} ({Guid.NewGuid():N})";
}
