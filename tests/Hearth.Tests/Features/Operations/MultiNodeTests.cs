using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Hearth.Tests.Data;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Discussion;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Operations;

/// <summary>
/// Two Hearth nodes on one database are one installation: a person signed in on one node is signed in on the other
/// (and a node with a key ring of its own would refuse them), a form from one is accepted by the other, both protect
/// with the one Data Protection key stored in the database, even when they start together on a new database, and due
/// background work is done once between them. Meeting reminders sent once by two nodes are proved in
/// <see cref="Meetings.ReminderTests.Two_nodes_on_one_database_send_each_reminder_once_and_so_does_a_restarted_node"/>.
/// </summary>
public sealed class MultiNodeTests(AccountsFactory first) : IClassFixture<AccountsFactory>
{
    private static readonly string Robin = GroupFlows.Demo("Robin");

    [Fact]
    public async Task Signed_in_on_one_node_a_person_is_signed_in_on_the_other_and_its_forms_are_accepted_there()
    {
        await using var second = await StartNodeAsync(first.Database);
        var (onFirst, onSecond) = OneBrowser(first, second);

        using (var signedIn = await onFirst.PostSignInAsync(Robin, AccountsDemoData.Password))
        {
            Assert.Equal("/account", signedIn.RedirectTarget());
        }

        var account = await onSecond.GetDocumentAsync("/account");
        Assert.Contains("Robin", account.MainText(), StringComparison.Ordinal);
        Assert.Contains(Robin, account.MainText(), StringComparison.Ordinal);
        var form = (await onFirst.GetDocumentAsync("/account/notifications")).QuerySelector("main form[method=post]")!;
        using var saved = await onSecond.SubmitAsync("/account/notifications", form);
        Assert.Contains("saved", (await saved.ReadDocumentAsync()).Notice(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_node_with_a_key_ring_of_its_own_refuses_the_other_nodes_sign_in_and_forms()
    {
        await using var stranger = await StartNodeAsync(first.Database, services: s => s.AddDataProtection().UseEphemeralDataProtectionProvider());
        var (onFirst, onStranger) = OneBrowser(first, stranger);
        var signInForm = (await onFirst.GetDocumentAsync("/account/sign-in")).QuerySelector("main form[method=post]")!;
        var credentials = new Dictionary<string, string> { ["Input.Email"] = Robin, ["Input.Password"] = AccountsDemoData.Password };

        using (var refused = await onStranger.SubmitAsync("/account/sign-in", signInForm, credentials))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var signedIn = await onFirst.PostSignInAsync(Robin, AccountsDemoData.Password))
        {
            Assert.Equal("/account", signedIn.RedirectTarget());
        }

        using var account = await onStranger.GetAsync(new Uri("/account", UriKind.Relative));
        Assert.StartsWith("/account/sign-in", account.RedirectTarget(), StringComparison.Ordinal);
        // The same node accepts its own sign-in: what it refused was the other key ring, nothing else.
        using var own = await onStranger.PostSignInAsync(Robin, AccountsDemoData.Password);
        Assert.Equal("/account", own.RedirectTarget());
    }

    [Fact]
    public async Task Both_nodes_protect_with_the_one_key_stored_in_the_database()
    {
        await using var second = await StartNodeAsync(first.Database);
        var (onFirst, onSecond) = OneBrowser(first, second);
        using (await onFirst.PostSignInAsync(Robin, AccountsDemoData.Password))
        using (await onSecond.GetAsync(new Uri("/account/notifications", UriKind.Relative)))
        {
        }

        var key = Assert.Single(await KeysStoredAsync(first.Database));
        Assert.All(new HearthFactory[] { first, second }, node => Assert.Equal(key, KeyRing(node).DefaultKeyId));
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_a_new_database_both_start_and_share_one_key_ring()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var one = new Node(database);
        await using var other = new Node(database);

        await Task.WhenAll(StartAsync(one), StartAsync(other));

        await AssertOneKeyRingAsync(database, one, other);
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_a_migrated_database_share_one_key_ring()
    {
        // As after `Hearth.Web migrate`: only the key ring is left for the nodes to make as they start. They take turns
        // (both reading an empty table and each adding a key was seen 10 times in 10 on PostgreSQL, and in CI on SQLite), so one key is made.
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = MigrationTests.Open(database.Options))
        {
            await DatabaseStartup.MigrateAsync(db, database.Options, CancellationToken.None);
        }

        await using var one = new Node(database);
        await using var other = new Node(database);

        await Task.WhenAll(StartAsync(one), StartAsync(other));

        Assert.Single(await KeysStoredAsync(database));
        await AssertOneKeyRingAsync(database, one, other);
    }

    [Fact]
    public async Task Two_nodes_running_the_digest_sender_send_each_digest_once()
    {
        var group = await first.CreateGroupAsync();
        var people = new List<string>();
        await using (var db = first.OpenDb())
        {
            for (var i = 0; i < 40; i++)
            {
                var id = Guid.NewGuid().ToString("N");
                var user = new HearthUser { UserName = $"{id}@example.invalid", Email = $"{id}@example.invalid", EmailConfirmed = true, DisplayName = id, NormalizedDisplayName = id.ToUpperInvariant(), DiscussionDigest = true, SecurityStamp = id };
                db.Users.Add(user);
                db.DiscussionNotices.Add(new DiscussionNotice { UserId = user.Id, GroupId = group.Id, Kind = DiscussionNoticeKind.Announcement, CreatedAt = DateTime.UtcNow.AddHours(-1) });
                people.Add(user.Email);
            }

            await db.SaveChangesAsync();
        }

        await using var sink = new SmtpSink();
        var settings = new Dictionary<string, string?>(sink.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["Hearth:Mail:BaseUrl"] = "https://hearth.test",
            ["Hearth:Discussion:Digest:PollMinutes"] = "1",
        };
        await using (var one = new Node(first.Database, settings))
        await using (var other = new Node(first.Database, settings))
        {
            // Each node's sender runs a round as it starts; more rounds at once on both, as their timers would.
            await Task.WhenAll(StartAsync(one), StartAsync(other));
            await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { RoundAsync(one), RoundAsync(other) }));
            await sink.WaitForAsync(people.Count, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(people.Count, sink.Received.Count);
        Assert.All(people, p => Assert.Equal("New things in your Hearth groups", Assert.Single(sink.To(p)).Email.Subject));
        await using var check = first.OpenDb();
        Assert.Equal(0, await check.DiscussionNotices.CountAsync(n => n.GroupId == group.Id && n.EmailedAt == null));
    }

    /// <summary>A node on <paramref name="database"/>, started and serving, after the first node (which migrated it).</summary>
    private async Task<Node> StartNodeAsync(TestDatabase database, Action<IServiceCollection>? services = null)
    {
        _ = first.Server;
        var node = new Node(database, services: services);
        await StartAsync(node);
        return node;
    }

    private static async Task StartAsync(Node node)
    {
        await ((IAsyncLifetime)node).InitializeAsync();
        await Task.Run(() => node.Server);
    }

    /// <summary>One browser whose requests a load balancer sends to either node: one cookie jar, two clients.</summary>
    private static (HttpClient, HttpClient) OneBrowser(HearthFactory one, HearthFactory other)
    {
        var cookies = new CookieContainer();
        return (one.CreateDefaultClient(HearthFactory.BaseAddress, new CookieContainerHandler(cookies)),
            other.CreateDefaultClient(HearthFactory.BaseAddress, new CookieContainerHandler(cookies)));
    }

    private static async Task<List<Guid>> KeysStoredAsync(TestDatabase database)
    {
        await using var db = MigrationTests.Open(database.Options);
        var stored = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
        return [.. stored.Select(xml => Guid.Parse(XElement.Parse(xml).Attribute("id")!.Value, CultureInfo.InvariantCulture))];
    }

    /// <summary>The key ring a node holds in memory: read at start, then about once a day (or on an unknown key in its first two minutes).</summary>
    private static IKeyRing KeyRing(HearthFactory node) => node.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing();

    /// <summary>Every node protects with the same key and can read whatever any of them protected with a stored key.</summary>
    private static async Task AssertOneKeyRingAsync(TestDatabase database, params HearthFactory[] nodes)
    {
        var stored = await KeysStoredAsync(database);
        var rings = nodes.Select(KeyRing).ToList();
        Assert.Contains(Assert.Single(rings.Select(r => r.DefaultKeyId).Distinct()), stored);
        Assert.All(rings, ring => Assert.All(stored, key => Assert.NotNull(ring.GetAuthenticatedEncryptorByKeyId(key, out _))));
    }

    private static async Task<int> RoundAsync(HearthFactory node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DiscussionDigests>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>A node on a database it shares with other nodes (not its to drop), with settings and services of its own on top.</summary>
    private sealed class Node(TestDatabase shared, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : HearthFactory(shared)
    {
        protected override bool SeedDemo => false;

        protected override bool CreatesFirstAccount => false;

        protected override IReadOnlyDictionary<string, string?> Settings => settings ?? base.Settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services ?? (_ => { }));
        }
    }
}
