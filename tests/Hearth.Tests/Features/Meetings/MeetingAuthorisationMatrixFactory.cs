using Hearth.Tests.Data;
using Hearth.Tests.Features.Accounts;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using static Hearth.Tests.Features.Meetings.MeetingAuthorisationMatrixTests;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// One of the meeting matrix's groups and its people: an organiser, a co-organiser, a member who has not answered,
/// and a member going to the next meeting; and the words only some of them may read.
/// </summary>
public sealed class MeetingMatrixGroup(string label, bool listed)
{
    public string Label { get; } = label;

    public bool Listed { get; } = listed;

    public string Slug { get; } = "meeting-matrix-" + label.ToLowerInvariant();

    public string Name => $"Meeting Matrix {Label} Group";

    public string SeriesTitle => $"Matrix {Label} evening";

    /// <summary>Only the member going to the next meeting may see it, on that meeting's page.</summary>
    public string OnlineLink => $"https://{OnlineHost}/matrix-room";

    /// <summary>The online link's host, its own for each group, so that even part of the link is found.</summary>
    public string OnlineHost => $"meet-{Label.ToLowerInvariant()}.example.invalid";

    /// <summary>Why the meeting a week after next is cancelled: members read it on that meeting's page.</summary>
    public string CancelReason => $"The {Label} room is double booked that evening";

    public Person Organiser { get; } = Make("Organiser", label);

    public Person CoOrganiser { get; } = Make("Co-organiser", label);

    public Person Member { get; } = Make("Member", label);

    public Person Goer { get; } = Make("Goer", label);

    public IEnumerable<Person> People => [Organiser, CoOrganiser, Member, Goer];

    public Dictionary<Persona, HttpClient> Clients { get; } = [];

    private static Person Make(string role, string label) =>
        new($"{role} of meeting matrix {label}", $"{role}-meeting-matrix-{label}".ToLowerInvariant() + "@example.invalid", "quiet lanterns by the harbour");
}

/// <summary>
/// Hearth with the demo network (for Sam the moderator and Alex the admin, who belong to no matrix group) and two
/// groups, one listed and one unlisted, each with a weekly online meeting from tomorrow: tomorrow's has one member
/// going, the one a week later is cancelled with a reason.
/// </summary>
public sealed class MeetingAuthorisationMatrixFactory : AccountsFactory
{
    public IReadOnlyDictionary<GroupKind, MeetingMatrixGroup> Groups { get; } = new Dictionary<GroupKind, MeetingMatrixGroup>
    {
        [GroupKind.Listed] = new("Listed", true),
        [GroupKind.Unlisted] = new("Unlisted", false),
    };

    public Person Outsider { get; } = new("Outsider of the meeting matrix", "outsider-of-the-meeting-matrix@example.invalid", "quiet lanterns by the harbour");

    /// <summary>The meeting everyone may answer, and the cancelled one a week later.</summary>
    public DateOnly Next { get; } = MeetingPageFlows.Today.AddDays(1);

    public DateOnly Cancelled => Next.AddDays(7);

    public Dictionary<HttpClient, string> Antiforgery { get; } = [];

    private readonly Dictionary<Persona, HttpClient> shared = [];

    public HttpClient ClientFor(Persona persona, MeetingMatrixGroup group) =>
        shared.TryGetValue(persona, out var client) ? client : group.Clients[persona];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Start the host (and seed the demo) once, before browsers arrive in parallel.
        _ = Server;
        var everyone = Groups.Values.SelectMany(g => g.People).Append(Outsider).ToList();
        await Parallel.ForEachAsync(everyone, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (person, _) =>
        {
            await this.RegisterAsync(person);
            await this.ConfirmAsync(person);
        });

        await using (var db = Open())
        {
            foreach (var plan in Groups.Values)
            {
                var group = new Group
                {
                    Slug = plan.Slug,
                    Name = plan.Name,
                    Summary = "A group in the meeting authorisation matrix.",
                    Town = "Rhyl",
                    Latitude = 53.319,
                    Longitude = -3.491,
                    Format = GroupFormat.Online,
                    IsListed = plan.Listed,
                    JoinPolicy = plan.Listed ? JoinPolicy.Open : JoinPolicy.InviteOnly,
                    Topics = Vocabulary.Store("general-wellbeing"),
                    Audiences = Vocabulary.Store("everyone"),
                    AgreementText = "What is said in the group stays in the group.",
                };
                db.Groups.Add(group);
                await db.SaveChangesAsync();
                var ids = await IdsOfAsync(db, plan.People);
                foreach (var (person, role) in new[] { (plan.Organiser, GroupRole.Organiser), (plan.CoOrganiser, GroupRole.CoOrganiser), (plan.Member, GroupRole.Member), (plan.Goer, GroupRole.Member) })
                {
                    db.GroupMembers.Add(new GroupMember { GroupId = group.Id, UserId = ids[person.Email], Role = role, JoinedAt = DateTime.UtcNow.AddDays(-20), AgreementVersionAccepted = 1 });
                }

                await db.SaveChangesAsync();
            }
        }

        foreach (var group in Groups.Values)
        {
            await SeedMeetingsAsync(group);
        }

        var signIns = new List<(Action<HttpClient> Keep, Func<Task<HttpClient>> SignIn)>
        {
            (c => shared[Persona.NonMember] = c, () => this.SignInAsync(Outsider)),
            (c => shared[Persona.Moderator] = c, () => Demo("Sam")),
            (c => shared[Persona.Admin] = c, () => Demo("Alex")),
        };
        foreach (var group in Groups.Values)
        {
            foreach (var (persona, person) in new[] { (Persona.Organiser, group.Organiser), (Persona.CoOrganiser, group.CoOrganiser), (Persona.Member, group.Member), (Persona.Goer, group.Goer) })
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

    /// <summary>Deletes the group's meetings (their changes and answers go with them) and sets them up again (new ids).</summary>
    public async Task SeedMeetingsAsync(MeetingMatrixGroup plan)
    {
        await using var db = Open();
        var groupId = await db.Groups.Where(g => g.Slug == plan.Slug).Select(g => g.Id).SingleAsync();
        await db.MeetingSeries.Where(s => s.GroupId == groupId).ExecuteDeleteAsync();
        var now = DateTime.UtcNow;
        var series = new MeetingSeries
        {
            GroupId = groupId,
            Title = plan.SeriesTitle,
            Frequency = Frequency.Weekly,
            StartDate = Next,
            StartTime = new TimeOnly(19, 0),
            DurationMinutes = 60,
            TimeZone = "Europe/London",
            IsOnline = true,
            OnlineLink = plan.OnlineLink,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.MeetingSeries.Add(series);
        await db.SaveChangesAsync();
        db.MeetingChanges.Add(new MeetingChange { SeriesId = series.Id, OccurrenceDate = Cancelled, IsCancelled = true, Reason = plan.CancelReason, Sequence = 1, UpdatedAt = now });
        var goer = (await IdsOfAsync(db, [plan.Goer]))[plan.Goer.Email];
        db.Rsvps.Add(new Rsvp { SeriesId = series.Id, OccurrenceDate = Next, UserId = goer, State = RsvpState.Going, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
    }

    public HearthDb Open() => MigrationTests.Open(Database.Options);

    public async Task<int> SeriesIdAsync(MeetingMatrixGroup group)
    {
        await using var db = Open();
        return await db.MeetingSeries.Where(s => db.Groups.Any(g => g.Id == s.GroupId && g.Slug == group.Slug)).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
    }

    private static async Task<Dictionary<string, string>> IdsOfAsync(HearthDb db, IEnumerable<Person> people)
    {
        var emails = people.Select(p => p.Email.ToUpperInvariant()).ToList();
        return await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.Email!, u => u.Id);
    }

    private Task<HttpClient> Demo(string name) =>
        this.SignInAsync(AccountsDemoData.People.Single(p => p.DisplayName == name).Email, AccountsDemoData.Password);
}
