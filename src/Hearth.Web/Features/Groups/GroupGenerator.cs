using System.Diagnostics;
using System.Text;
using Hearth.Web.Data;
using Hearth.Web.Features.Groups.Gazetteer;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// Fills a database with a made-up network of many groups for benchmarks (<c>Hearth.Web generate-groups 20000</c>):
/// groups in the gazetteer's towns with a little jitter, a mix of every vocabulary code, about one in ten unlisted.
/// The same count always gives the same groups, so figures from two runs compare.
/// </summary>
public sealed class GroupGenerator(HearthDb db, Gazetteer.Gazetteer gazetteer)
{
    public const int Most = 1_000_000;
    private const int Seed = 20_000;
    private const int BatchSize = 1_000;

    public sealed record Outcome(int Generated, int Unlisted, int Deleted, TimeSpan Elapsed);

    /// <summary>For every topic code: how common its groups are, what they are called, and a summary. A code missing here fails loudly.</summary>
    private static readonly Dictionary<string, (int Weight, string[] Kinds, string Summary)> Topics = new(StringComparer.Ordinal)
    {
        ["antidepressant-withdrawal"] = (6, ["Withdrawal Support", "Tapering Peer Group", "Coming Off Meds Circle"], "For people reducing or coming off antidepressants. We share what helped on the hard days; we never advise on doses."),
        ["hearing-voices"] = (6, ["Hearing Voices Group", "Voices Circle"], "Voice-hearers supporting each other to understand and live with their experiences, in the Hearing Voices tradition."),
        ["grief"] = (10, ["Grief Circle", "Bereavement Café", "Loss and Grief Group"], "For anyone grieving, however long ago. We listen without trying to fix."),
        ["self-harm"] = (5, ["Self-harm Peer Support", "Safe Space Circle"], "A calm space to talk with people who understand self-harm from the inside. No judgement, no pressure to share."),
        ["depression"] = (16, ["Depression Support Group", "Low Mood Circle"], "People living with depression meeting as equals. Talk about how things really are, or just listen."),
        ["anxiety"] = (16, ["Anxiety Peer Support", "Worry Less Group", "Panic and Anxiety Circle"], "For people living with anxiety or panic. We share what helps and remind each other we are not alone."),
        ["addiction"] = (10, ["Recovery Circle", "Recovery Café"], "Peer support for people in recovery from alcohol, drugs or gambling, whatever stage you are at."),
        ["chronic-illness"] = (8, ["Living with Long-term Illness", "Chronic Pain Peer Group"], "For people living with a long-term illness or pain, and what it does to mood and daily life."),
        ["general-wellbeing"] = (23, ["Wellbeing Café", "Walk and Talk", "Meet-up", "Coffee Morning", "Tea and Talk"], "A friendly, informal meet-up for anyone living with mental health needs. Come for the company and a cup of tea."),
    };

    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] Venues = ["St Mary's church hall", "Community centre", "Library meeting room", "Friends Meeting House", "The Old School Room", "Methodist hall", "Village hall", "Wellbeing hub"];

    private static readonly string[] Streets = ["High Street", "Station Road", "Church Lane", "Mill Road", "Victoria Street", "Park Road", "Chapel Street", "Market Place"];

    /// <summary>Adds <paramref name="count"/> groups in one transaction; refuses a database holding other groups than the demo's unless <paramref name="replace"/> (then every group goes first).</summary>
    public async Task<Outcome> GenerateAsync(int count, bool replace, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Most);
        var clock = Stopwatch.StartNew();
        var demo = GroupsDemoData.Groups().Select(g => g.Slug).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        if (replace)
        {
            deleted = await db.Groups.ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            var others = await db.Groups.CountAsync(g => !demo.Contains(g.Slug), cancellationToken);
            if (others > 0)
            {
                throw new HearthStartupException($"The database already holds {others} groups besides the demo's; generate-groups --replace deletes every group first. Nothing was changed.");
            }
        }

        var taken = (await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var random = new Random(Seed);
        var unlisted = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var done = 0; done < count; done += BatchSize)
            {
                for (var i = done; i < Math.Min(count, done + BatchSize); i++)
                {
                    var group = Invent(random, taken);
                    unlisted += group.IsListed ? 0 : 1;
                    db.Groups.Add(group);
                }

                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        await transaction.CommitAsync(cancellationToken);
        return new Outcome(count, unlisted, deleted, clock.Elapsed);
    }

    internal Group Invent(Random random, HashSet<string> taken)
    {
        var place = gazetteer.Places[random.Next(gazetteer.Places.Count)];
        var format = Pick(random, (70, GroupFormat.InPerson), (15, GroupFormat.Hybrid), (15, GroupFormat.Online));
        var topic = Pick(random, [.. Vocabulary.Topics.Select(code => (Topics[code].Weight, code))]);
        string[] topics = random.Next(100) < 30 ? [topic, Vocabulary.Topics[random.Next(Vocabulary.Topics.Count)]] : [topic];
        var audience = random.Next(100) < 60 ? "everyone" : Vocabulary.Audiences[1 + random.Next(Vocabulary.Audiences.Count - 1)];
        var (_, kinds, summary) = Topics[topic];
        var kind = kinds[random.Next(kinds.Length)];
        var day = random.Next(100) < 25 ? Days[random.Next(Days.Length)] + " " : "";
        var online = format == GroupFormat.Online;
        var name = online ? $"{(place.County.Length > 0 ? place.County : place.Nation)} Online {day}{kind}" : $"{place.Name} {day}{kind}";
        var welsh = place.Nation == "Wales" ? random.Next(100) : 100;
        var group = new Group
        {
            Slug = UniqueSlug(name, taken),
            Name = name.Length > 120 ? name[..120] : name,
            Summary = summary,
            Format = format,
            Topics = Vocabulary.Store([.. topics.Distinct(StringComparer.Ordinal)]),
            Audiences = Vocabulary.Store(audience),
            Languages = welsh < 5 ? "cy" : welsh < 45 ? "en,cy" : "en",
            IsListed = random.Next(100) >= 10,
            IsFacilitatedByNetwork = random.Next(100) < 25,
            JoinPolicy = Pick(random, (70, JoinPolicy.Open), (20, JoinPolicy.Closed), (10, JoinPolicy.InviteOnly)),
            WhoItIsFor = random.Next(100) < 60 ? $"{summary} You do not need a diagnosis or a referral." : null,
            WhatToExpect = random.Next(100) < 60 ? "We start with a cup of tea. Each person can say how their week has been, or just listen.\n\nWhat is said in the group stays in the group. Every journey is different: what suits one person will not suit another." : null,
            WhatItIsNot = random.Next(100) < 30 ? "We are not therapists and we do not give medical advice. You do not need a referral from your GP." : null,
            AgreementText = MembershipDemoData.Agreement,
        };
        if (!online)
        {
            // Up to about two miles from the town's centre, so groups in one town are not all at one point.
            group.Town = place.Name;
            group.Latitude = Math.Round(place.Latitude + ((random.NextDouble() - 0.5) * 0.06), 5);
            group.Longitude = Math.Round(place.Longitude + ((random.NextDouble() - 0.5) * 0.09), 5);
            group.Access = Vocabulary.Store([.. Vocabulary.Access.Where((_, i) => random.Next(100) < (i == 0 ? 60 : i == 1 ? 25 : 8))]);
            if (random.Next(100) < 90)
            {
                group.VenueName = Venues[random.Next(Venues.Length)];
                group.VenueAddress = $"{1 + random.Next(120)} {Streets[random.Next(Streets.Length)]}, {place.Name}";
                group.AddressForMembersOnly = random.Next(100) < 20;
            }

            if (group.Access.Length > 0)
            {
                group.AccessNotes = "Step-free entrance at the side; ask at the door for the quiet room.";
            }
        }

        return group;
    }

    internal static T Pick<T>(Random random, params (int Weight, T Value)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (weight, value) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new UnreachableException();
    }

    /// <summary>"Ystradgynlais Grief Circle" becomes "ystradgynlais-grief-circle", then "-2", "-3"... if taken.</summary>
    private static string UniqueSlug(string name, HashSet<string> taken)
    {
        var slug = new StringBuilder();
        foreach (var c in Gazetteer.Gazetteer.Fold(name))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var stem = slug.ToString(0, Math.Min(slug.Length, 70)).TrimEnd('-');
        var candidate = stem;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }

        return candidate;
    }
}
