using Hearth.Tests.Data;
using Hearth.Tests.Features.Accounts;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hearth.Tests.Features.Groups.GroupAuthorisationMatrixTests;

namespace Hearth.Tests.Features.Groups;

/// <summary>
/// One of the matrix's groups and everyone around it: people who each hold one role in it (and no other group), the
/// words only some of them may read, and an invite link nobody may ever see again.
/// </summary>
public sealed class MatrixGroup(string label, bool listed, JoinPolicy policy)
{
    /// <summary>"Listed Open", "Unlisted Invite-only"...: part of every secret, so no two groups' secrets overlap.</summary>
    public string Label { get; } = label;

    public bool Listed { get; } = listed;

    public JoinPolicy Policy { get; } = policy;

    public string Slug { get; } = "matrix-" + label.ToLowerInvariant().Replace(' ', '-');

    public string Name => $"Matrix {Label} Group";

    public string Summary => $"A group in the authorisation matrix, kind {Label}.";

    public string Address => $"7 Secret Lane {Label}";

    public string RequestMessage => $"Please let me in, request note for {Label}";

    public string ChatBody => $"First chat words for {Label}";

    public string ReplyBody => $"Organisers answer for {Label}";

    /// <summary>Only its hash is stored: no page may ever show it.</summary>
    public string InviteToken { get; } = GroupInvite.NewToken();

    public Person Organiser { get; } = Make("Organiser", label);

    public Person CoOrganiser { get; } = Make("Co-organiser", label);

    public Person Member { get; } = Make("Member", label);

    public Person Requester { get; } = Make("Requester", label);

    public Person Waiter { get; } = Make("Waiter", label);

    public Person Chatter { get; } = Make("Chatter", label);

    public IEnumerable<Person> People => [Organiser, CoOrganiser, Member, Requester, Waiter, Chatter];

    /// <summary>Signed-in browsers of the people in this group, one each, kept for the whole class.</summary>
    public Dictionary<Persona, HttpClient> Clients { get; } = [];

    private static Person Make(string role, string label)
    {
        var slug = $"{role}-{label}".ToLowerInvariant().Replace(' ', '-');
        return new Person($"{role} of {label}", $"{slug}@example.invalid", "quiet lanterns by the harbour");
    }
}

/// <summary>
/// Hearth with the demo network (for Alex the admin, Sam the moderator and Jo the peer group worker, none of whom
/// belongs to any matrix group) and six matrix groups, listed and unlisted, open, closed and invite-only, each with
/// an organiser, a co-organiser, a member, someone asking to join, someone waiting and someone who wrote to the
/// organisers. A seventh group, the scratch group, is put back as it was before each action that is allowed.
/// </summary>
public sealed class GroupAuthorisationMatrixFactory : AccountsFactory
{
    public const string Town = "Llandrindod Wells";

    public IReadOnlyDictionary<GroupKind, MatrixGroup> Groups { get; } = new Dictionary<GroupKind, MatrixGroup>
    {
        [GroupKind.ListedOpen] = new("Listed Open", true, JoinPolicy.Open),
        [GroupKind.ListedClosed] = new("Listed Closed", true, JoinPolicy.Closed),
        [GroupKind.ListedInviteOnly] = new("Listed Invite-only", true, JoinPolicy.InviteOnly),
        [GroupKind.UnlistedOpen] = new("Unlisted Open", false, JoinPolicy.Open),
        [GroupKind.UnlistedClosed] = new("Unlisted Closed", false, JoinPolicy.Closed),
        [GroupKind.UnlistedInviteOnly] = new("Unlisted Invite-only", false, JoinPolicy.InviteOnly),
    };

    /// <summary>Where allowed actions are tried, so that the matrix groups stay exactly as seeded.</summary>
    public MatrixGroup Scratch { get; } = new("Scratch Closed", true, JoinPolicy.Closed);

    /// <summary>Someone with an account who has nothing to do with any matrix group.</summary>
    public Person Outsider { get; } = new("Outsider of the matrix", "outsider-of-the-matrix@example.invalid", "quiet lanterns by the harbour");

    private readonly Dictionary<Persona, HttpClient> shared = [];

    /// <summary>Each browser's antiforgery token, fetched the first time it posts.</summary>
    public Dictionary<HttpClient, string> Antiforgery { get; } = [];

    private (double Latitude, double Longitude) where;

    public IEnumerable<MatrixGroup> AllGroups => Groups.Values.Append(Scratch);

    /// <summary>The browser of <paramref name="persona"/>; group-held roles are people of <paramref name="group"/>.</summary>
    public HttpClient ClientFor(Persona persona, MatrixGroup group) =>
        shared.TryGetValue(persona, out var client) ? client : group.Clients[persona];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var place = Services.GetRequiredService<Hearth.Web.Features.Groups.Gazetteer.Gazetteer>().Find(Town).Places.Single();
        where = (place.Latitude, place.Longitude);

        // Through the real registration and confirmation emails; a few at a time (each hashes a password).
        var everyone = AllGroups.SelectMany(g => g.People).Append(Outsider).ToList();
        await Parallel.ForEachAsync(everyone, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (person, _) =>
        {
            await this.RegisterAsync(person);
            await this.ConfirmAsync(person);
        });

        foreach (var group in AllGroups)
        {
            await SeedAsync(group);
        }

        var signIns = new List<(Action<HttpClient> Keep, Func<Task<HttpClient>> SignIn)>
        {
            (c => shared[Persona.NonMember] = c, () => this.SignInAsync(Outsider)),
            (c => shared[Persona.Moderator] = c, () => Demo("Sam")),
            (c => shared[Persona.Admin] = c, () => Demo("Alex")),
            (c => shared[Persona.PeerGroupWorker] = c, () => Demo("Jo")),
        };
        foreach (var group in AllGroups)
        {
            foreach (var (persona, person) in new[]
            {
                (Persona.Organiser, group.Organiser), (Persona.CoOrganiser, group.CoOrganiser), (Persona.Member, group.Member),
                (Persona.Requester, group.Requester), (Persona.Chatter, group.Chatter),
            })
            {
                signIns.Add((c => group.Clients[persona] = c, () => this.SignInAsync(person)));
            }
        }

        var clients = new HttpClient[signIns.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, signIns.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => clients[i] = await signIns[i].SignIn());
        for (var i = 0; i < signIns.Count; i++)
        {
            signIns[i].Keep(clients[i]);
        }

        shared[Persona.Anonymous] = CreateBrowserLikeClient();
    }

    /// <summary>Deletes the group with everything in it and seeds it again from scratch (new ids).</summary>
    public async Task ReseedAsync(MatrixGroup group)
    {
        await using (var db = Open())
        {
            await db.Groups.Where(g => g.Slug == group.Slug).ExecuteDeleteAsync();
        }

        await SeedAsync(group);
    }

    public HearthDb Open() => MigrationTests.Open(Database.Options);

    private Task<HttpClient> Demo(string name) =>
        this.SignInAsync(AccountsDemoData.People.Single(p => p.DisplayName == name).Email, AccountsDemoData.Password);

    private async Task SeedAsync(MatrixGroup plan)
    {
        await using var db = Open();
        var emails = plan.People.Select(p => p.Email.ToUpperInvariant()).ToList();
        var ids = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.Email!, u => u.Id);
        string Id(Person person) => ids[person.Email];

        var now = DateTime.UtcNow;
        var group = new Group
        {
            Slug = plan.Slug,
            Name = plan.Name,
            Summary = plan.Summary,
            Town = Town,
            Latitude = where.Latitude,
            Longitude = where.Longitude,
            Format = GroupFormat.InPerson,
            IsListed = plan.Listed,
            JoinPolicy = plan.Policy,
            Topics = Vocabulary.Store("general-wellbeing"),
            Audiences = Vocabulary.Store("everyone"),
            VenueName = "Matrix Hall",
            VenueAddress = plan.Address,
            AddressForMembersOnly = true,
            AgreementText = "What is said in the group stays in the group.",
        };
        db.Groups.Add(group);
        await db.SaveChangesAsync();

        foreach (var (person, role) in new[] { (plan.Organiser, GroupRole.Organiser), (plan.CoOrganiser, GroupRole.CoOrganiser), (plan.Member, GroupRole.Member) })
        {
            db.GroupMembers.Add(new GroupMember { GroupId = group.Id, UserId = Id(person), Role = role, JoinedAt = now, AgreementVersionAccepted = 1 });
        }

        db.JoinRequests.Add(new JoinRequest { GroupId = group.Id, UserId = Id(plan.Requester), State = JoinRequestState.Requested, Message = plan.RequestMessage, CreatedAt = now, AgreementVersionAccepted = 1 });
        db.JoinRequests.Add(new JoinRequest { GroupId = group.Id, UserId = Id(plan.Waiter), State = JoinRequestState.Waiting, CreatedAt = now, AgreementVersionAccepted = 1 });
        db.GroupInvites.Add(new GroupInvite { GroupId = group.Id, TokenHash = GroupInvite.Hash(plan.InviteToken), CreatedAt = now, ExpiresAt = now.AddDays(7) });
        var conversation = new Conversation { GroupId = group.Id, PersonId = Id(plan.Chatter), StartedAt = now, LastMessageAt = now };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();

        db.ConversationMessages.Add(new ConversationMessage { ConversationId = conversation.Id, AuthorId = Id(plan.Chatter), Body = plan.ChatBody, SentAt = now });
        db.ConversationMessages.Add(new ConversationMessage { ConversationId = conversation.Id, AuthorId = Id(plan.Organiser), FromOrganisers = true, Body = plan.ReplyBody, SentAt = now.AddSeconds(1) });
        await db.SaveChangesAsync();
    }
}
