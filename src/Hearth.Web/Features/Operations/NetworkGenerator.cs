using System.Diagnostics;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Meetings;
using Hearth.Web.Features.Safety;
using Hearth.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Hearth.Web.Features.Operations;

/// <summary>A named size of made-up network for benchmarks.</summary>
public sealed record NetworkSize(string Name, int Groups, int People, int Series, int Rsvps, int Posts)
{
    public static readonly IReadOnlyList<NetworkSize> All =
    [
        new("smoke", 40, 400, 100, 2_000, 4_000),
        new("county", 2_000, 20_000, 5_000, 100_000, 200_000),
        new("nation", 20_000, 200_000, 50_000, 1_000_000, 2_000_000),
    ];

    public static NetworkSize? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}

/// <summary>
/// Fills a database with a made-up network for benchmarks (<c>Hearth.Web generate county</c>): groups in the
/// gazetteer's towns, people who belong to one to three of them (each group with an organiser), weekly, fortnightly
/// and monthly meetings with members' answers, and topics of replies written by members, a few of them long. Every
/// generated person signs in with <see cref="Password"/> at <c>person{n}@bench.hearth.invalid</c>. The same size
/// always gives the same network, so two runs compare. Rows go in with <see cref="BulkInsert"/>, in one transaction:
/// a failure leaves the database as it was.
/// </summary>
public sealed class NetworkGenerator(HearthDb db, GroupGenerator groups, IPasswordHasher<HearthUser> hasher, TimeProvider clock)
{
    public const string Password = "hearth bench sign-in";

    public const string EmailDomain = "bench.hearth.invalid";

    private const int Seed = 7;

    public sealed record Outcome(NetworkSize Size, int Topics, int Memberships, int DeletedGroups, int DeletedPeople, TimeSpan Elapsed);

    private static readonly string[] FirstNames =
    [
        "Alex", "Bea", "Cai", "Dee", "Eli", "Fran", "Gwen", "Huw", "Isla", "Jay", "Kit", "Lowri", "Mo", "Nia", "Ola", "Pat",
        "Quinn", "Rhys", "Sol", "Tam", "Uma", "Vic", "Wyn", "Yas", "Zac",
    ];

    private static readonly string[] Titles =
    [
        "How is everyone this week?", "Sleep has been hard again", "Small wins thread", "Tapering diary: week three",
        "What helps you on the bad mornings?", "First meeting nerves", "Anyone else find Sundays difficult?",
        "Walking group idea for spring", "Coping with the anniversary", "Things I wish I had known at the start",
        "Going back to work after time off", "Brain zaps: what helped?", "A good day, for once", "Talking to family about it",
        "Quiet thread: just checking in", "Books and podcasts that helped", "When the GP does not listen",
        "Planning for the holidays", "Noise and crowds", "Thank you all",
    ];

    private static readonly string[] Bodies =
    [
        "Just checking in. This week has been up and down, but I made it to the shop and back, which felt like a lot.",
        "Thank you for sharing this. I recognise so much of it. You are not on your own with it.",
        "What helped me was writing things down before bed, so they were on paper and not going round my head.",
        "I went for a short walk by the river this morning. Only ten minutes, but it was something.",
        "Sending support. The first few weeks were the hardest for me too, and it did ease, slowly.",
        "Me too. I thought I was the only one who felt like that in the evenings.",
        "Could we talk about this at Thursday's meeting? I think a few of us would find it useful.",
        "I tried the breathing exercise from last week: **in for four, hold for four, out for six**. It helped a little.",
        "Some days are just about getting through. Today was one of those, and that is all right.",
        "A reminder to myself and anyone reading: rest counts as doing something.",
        "My sister came with me to the appointment and it made a real difference to be listened to.",
        "I have found it easier since I stopped comparing my progress with anyone else's. Everyone's journey is different.",
        "Does anyone have tips for explaining this to an employer? I am dreading the conversation.",
        "Lovely to see new faces at the meeting. Come along again, no pressure to speak.",
        "Cold water on my face and a cup of tea. Simple, but it brings me back when things feel too much.",
        "I kept a list of three good things each day for a week. Some were tiny, but it changed how I saw the week.",
        "It has been a difficult month.\n\nI am still here, still trying, and reading this thread helps.",
        "Music helps me more than anything. I made a calm playlist and put it on when the anxiety starts.",
        "I hope everyone has a gentle weekend. Be kind to yourselves.",
        "Thanks, all. I read every reply even when I do not have the energy to answer.",
    ];

    private static readonly string[] SeriesTitles = ["Weekly meeting", "Evening group", "Coffee morning", "Drop-in", "Monthly get-together", "Walk and talk"];

    /// <summary>
    /// Adds a network of <paramref name="size"/>. Refuses a database holding groups or people besides the demo
    /// network's unless <paramref name="replace"/>, which deletes them first.
    /// </summary>
    public async Task<Outcome> GenerateAsync(NetworkSize size, bool replace, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        // Copying millions of rows, deleting them (--replace) and gathering statistics each take minutes at nation size.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var demoSlugs = GroupsDemoData.Groups().Select(g => g.Slug).ToList();
        const string demoEmail = "@demo.hearth.invalid";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var otherGroups = db.Groups.Where(g => !demoSlugs.Contains(g.Slug));
        var otherPeople = db.Users.Where(u => u.Email == null || !u.Email.EndsWith(demoEmail));
        int deletedGroups = 0, deletedPeople = 0;
        if (replace)
        {
            deletedGroups = await otherGroups.ExecuteDeleteAsync(cancellationToken);
            deletedPeople = await otherPeople.ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            var (groupCount, peopleCount) = (await otherGroups.CountAsync(cancellationToken), await otherPeople.CountAsync(cancellationToken));
            if (groupCount + peopleCount > 0)
            {
                throw new HearthStartupException($"The database already holds {groupCount} groups and {peopleCount} people besides the demo network's; generate {size.Name} --replace deletes them first. Nothing was changed.");
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var random = new Random(Seed);
        var bulk = new BulkInsert(db);

        var people = await AddPeopleAsync(bulk, size, random, now, cancellationToken);
        var groupIds = await AddGroupsAsync(bulk, size, random, cancellationToken);
        var (members, memberships) = await AddMembersAsync(bulk, size, random, people, groupIds, now, cancellationToken);
        await AddMeetingsAsync(bulk, size, random, people, members, groupIds, now, cancellationToken);
        var topics = await AddDiscussionAsync(bulk, size, random, people, members, groupIds, now, cancellationToken);

        await bulk.FinishAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(size, topics, memberships, deletedGroups, deletedPeople, elapsed.Elapsed);
    }

    private async Task<string[]> AddPeopleAsync(BulkInsert bulk, NetworkSize size, Random random, DateTime now, CancellationToken cancellationToken)
    {
        // One hash for everyone: hashing is deliberately slow, and 200,000 of them would take hours.
        var hash = hasher.HashPassword(new HearthUser(), Password);
        var ids = new string[size.People];
        for (var n = 0; n < ids.Length; n++)
        {
            ids[n] = NewGuid(random).ToString();
        }

        await bulk.WriteAsync(ids.Select((id, n) =>
        {
            var email = $"person{n + 1}@{EmailDomain}";
            var name = $"{FirstNames[n % FirstNames.Length]} {(n / FirstNames.Length) + 1}";
            var joined = now.AddDays(-30 - random.Next(700));
            return new HearthUser
            {
                Id = id,
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = NewGuid(random).ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = NewGuid(random).ToString(),
                LockoutEnabled = true,
                DisplayName = name,
                NormalizedDisplayName = HearthUser.Normalize(name),
                CreatedAt = joined,
                TermsAcceptedAt = joined,
                HealthDataConsentAt = joined,
            };
        }), cancellationToken);
        return ids;
    }

    private async Task<int[]> AddGroupsAsync(BulkInsert bulk, NetworkSize size, Random random, CancellationToken cancellationToken)
    {
        var taken = (await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var first = (await db.Groups.MaxAsync(g => (int?)g.Id, cancellationToken) ?? 0) + 1;
        var invented = new List<Group>(size.Groups);
        for (var i = 0; i < size.Groups; i++)
        {
            var group = groups.Invent(random, taken);
            group.Id = first + i;
            invented.Add(group);
        }

        await bulk.WriteAsync(invented, cancellationToken);
        return [.. invented.Select(g => g.Id)];
    }

    /// <summary>Each group's organiser first, then each person joins one to three groups at random.</summary>
    private async Task<(List<int>[] Members, int Count)> AddMembersAsync(BulkInsert bulk, NetworkSize size, Random random, string[] people, int[] groupIds, DateTime now, CancellationToken cancellationToken)
    {
        var members = new List<int>[groupIds.Length];
        var rows = new List<GroupMember>(size.People * 3);
        for (var g = 0; g < groupIds.Length; g++)
        {
            var organiser = (int)((long)g * people.Length / groupIds.Length);
            members[g] = [organiser];
            rows.Add(Member(g, organiser, GroupRole.Organiser));
        }

        for (var p = 0; p < people.Length; p++)
        {
            var joins = 1 + random.Next(3);
            for (var j = 0; j < joins; j++)
            {
                var g = random.Next(groupIds.Length);
                if (!members[g].Contains(p))
                {
                    members[g].Add(p);
                    rows.Add(Member(g, p, GroupRole.Member));
                }
            }
        }

        var firstId = await NextIdAsync<GroupMember>(cancellationToken);
        await bulk.WriteAsync(rows.Select((m, i) => { m.Id = firstId + i; return m; }), cancellationToken);
        return (members, rows.Count);

        GroupMember Member(int g, int p, GroupRole role) => new()
        {
            GroupId = groupIds[g],
            UserId = people[p],
            Role = role,
            JoinedAt = now.AddDays(-1 - random.Next(365)),
            AgreementVersionAccepted = 1,
        };
    }

    /// <summary>
    /// Two or three meeting series a group until the size's count is reached, then members' answers for the
    /// series' meetings from two weeks ago to eight weeks ahead, as the calendar gives them.
    /// </summary>
    private async Task AddMeetingsAsync(BulkInsert bulk, NetworkSize size, Random random, string[] people, List<int>[] members, int[] groupIds, DateTime now, CancellationToken cancellationToken)
    {
        var series = new List<(MeetingSeries Series, int Group)>(size.Series);
        var firstId = await NextIdAsync<MeetingSeries>(cancellationToken);
        var today = DateOnly.FromDateTime(now);
        var groupRows = await db.Groups.AsNoTracking().Where(g => g.Id >= groupIds[0]).Select(g => new { g.Id, g.Format, g.VenueName }).ToDictionaryAsync(g => g.Id, cancellationToken);
        for (var i = 0; series.Count < size.Series; i++)
        {
            var g = i % groupIds.Length;
            var group = groupRows[groupIds[g]];
            var frequency = GroupGenerator.Pick(random, (60, Frequency.Weekly), (15, Frequency.Fortnightly), (25, Frequency.Monthly));
            var online = group.Format == GroupFormat.Online || (group.Format == GroupFormat.Hybrid && random.Next(2) == 0);
            series.Add((new MeetingSeries
            {
                Id = firstId + series.Count,
                GroupId = groupIds[g],
                Title = SeriesTitles[random.Next(SeriesTitles.Length)],
                Frequency = frequency,
                StartDate = today.AddDays(-20 - random.Next(400)),
                StartTime = new TimeOnly(random.Next(3) switch { 0 => 10, 1 => 14, _ => 18 }, random.Next(2) * 30),
                DurationMinutes = 60 + (30 * random.Next(3)),
                WeekOfMonth = frequency == Frequency.Monthly ? random.Next(5) is var w && w == 4 ? -1 : w + 1 : null,
                DayOfWeek = frequency == Frequency.Monthly ? 1 + random.Next(7) : null,
                IsOnline = online,
                VenueName = online ? null : group.VenueName,
                OnlineLink = online ? "https://meet.example.org/hearth-" + groupIds[g] : null,
                Capacity = random.Next(10) == 0 ? 12 + random.Next(10) : null,
                CreatedAt = now.AddDays(-400),
                UpdatedAt = now.AddDays(-400),
            }, g));
        }

        await bulk.WriteAsync(series.Select(s => s.Series), cancellationToken);

        var from = Instant.FromDateTimeUtc(now.AddDays(-14));
        var to = Instant.FromDateTimeUtc(now.AddDays(56));
        var dates = series.Select(s => Recurrence.Between(s.Series, [], from, to).Select(o => o.OriginalDate.ToDateOnly()).ToArray()).ToArray();
        var answered = new HashSet<(int, DateOnly, int)>();
        var rsvps = new List<Rsvp>(size.Rsvps);
        var firstRsvp = await NextIdAsync<Rsvp>(cancellationToken);
        while (rsvps.Count < size.Rsvps)
        {
            var s = random.Next(series.Count);
            if (dates[s].Length == 0)
            {
                continue;
            }

            var date = dates[s][random.Next(dates[s].Length)];
            var group = members[series[s].Group];
            var person = group[random.Next(group.Count)];
            if (!answered.Add((s, date, person)))
            {
                continue;
            }

            var at = now.AddDays(-random.Next(30)).AddMinutes(-random.Next(1440));
            rsvps.Add(new Rsvp
            {
                Id = firstRsvp + rsvps.Count,
                SeriesId = series[s].Series.Id,
                OccurrenceDate = date,
                UserId = people[person],
                State = random.Next(10) < 8 ? RsvpState.Going : RsvpState.CantGo,
                CreatedAt = at,
                UpdatedAt = at,
            });
        }

        await bulk.WriteAsync(rsvps, cancellationToken);
    }

    /// <summary>
    /// Topics started by members of each group (busier groups have more), most with a handful of replies and about one
    /// in fifty with 150 to 250, until the size's count of posts is reached. Returns the number of topics.
    /// </summary>
    private async Task<int> AddDiscussionAsync(BulkInsert bulk, NetworkSize size, Random random, string[] people, List<int>[] members, int[] groupIds, DateTime now, CancellationToken cancellationToken)
    {
        var bodies = Bodies.Select(b => (Text: b, Html: SafeMarkdown.ToHtml(b), Fingerprint: Posting.Fingerprint(b))).ToArray();
        var memberships = members.SelectMany((group, g) => group.Select(p => (Group: g, Person: p))).ToArray();
        var firstTopic = await NextIdAsync<Topic>(cancellationToken);
        var topics = new List<(Topic Topic, int Group, int Replies, int StepMinutes)>();
        for (var posts = 0; posts < size.Posts;)
        {
            var (g, author) = memberships[random.Next(memberships.Length)];
            var replies = random.Next(50) == 0 ? 150 + random.Next(101) : (int)(-Math.Log(1 - random.NextDouble()) * 6);
            replies = Math.Min(replies, size.Posts - posts - 1);
            var step = 5 + random.Next(240);
            var start = now.AddDays(-2 - random.Next(180)).AddMinutes(-random.Next(1440));
            var last = start.AddMinutes((double)replies * step);
            if (last > now.AddHours(-1))
            {
                start -= last - now.AddHours(-1);
                last = now.AddHours(-1);
            }

            topics.Add((new Topic
            {
                Id = firstTopic + topics.Count,
                GroupId = groupIds[g],
                AuthorId = people[author],
                Title = Titles[random.Next(Titles.Length)],
                CreatedAt = start,
                LastPostAt = last,
            }, g, replies, step));
            posts += replies + 1;
        }

        await bulk.WriteAsync(topics.Select(t => t.Topic), cancellationToken);
        var firstPost = await NextIdAsync<Post>(cancellationToken);
        await bulk.WriteAsync(Posts(), cancellationToken);
        return topics.Count;

        IEnumerable<Post> Posts()
        {
            var id = firstPost;
            foreach (var (topic, g, replies, step) in topics)
            {
                for (var k = 0; k <= replies; k++)
                {
                    var body = bodies[random.Next(bodies.Length)];
                    yield return new Post
                    {
                        Id = id++,
                        GroupId = topic.GroupId,
                        TopicId = topic.Id,
                        AuthorId = k == 0 ? topic.AuthorId : people[members[g][random.Next(members[g].Count)]],
                        Body = body.Text,
                        BodyHtml = body.Html,
                        Fingerprint = body.Fingerprint,
                        ContentWarning = random.Next(50) == 0 ? "loss" : null,
                        IsOpening = k == 0,
                        State = PostState.Published,
                        Risk = RiskLevel.None,
                        CreatedAt = topic.CreatedAt.AddMinutes((double)k * step),
                    };
                }
            }
        }
    }

    private async Task<int> NextIdAsync<T>(CancellationToken cancellationToken)
        where T : class =>
        (await db.Set<T>().MaxAsync(e => (int?)EF.Property<int>(e, "Id"), cancellationToken) ?? 0) + 1;

    /// <summary>A GUID from the seeded generator, so the same size always gives the same ids.</summary>
    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
