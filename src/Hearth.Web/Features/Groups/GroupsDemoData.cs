using Hearth.Web.Data;
using Hearth.Web.Features.Demo;

namespace Hearth.Web.Features.Groups;

/// <summary>Demo groups in real towns, modelled on the kinds of group in the seeds: independent and facilitated, in person and online.</summary>
internal sealed class GroupsDemoData : IDemoData
{
    public int Order => 200;

    public Task AddAsync(HearthDb db, CancellationToken cancellationToken)
    {
        db.Groups.AddRange(Groups());
        return Task.CompletedTask;
    }

    /// <summary>The demo's groups, new instances on every call; <see cref="GroupGenerator"/> reads their slugs to tell them from other groups.</summary>
    public static Group[] Groups() =>
    [
        new Group
        {
            Slug = "prestatyn-withdrawal-support",
            Topics = Vocabulary.Store("antidepressant-withdrawal"),
            Audiences = Vocabulary.Store("everyone"),
            Access = Vocabulary.Store("step-free", "hearing-loop"),
            Name = "Prestatyn Withdrawal Support",
            Summary = "For people reducing or coming off antidepressants. We share what helped on our worst days. We are not therapists and we do not plan anyone's withdrawal.",
            Town = "Prestatyn",
            Latitude = 53.3378,
            Longitude = -3.4036,
            Format = GroupFormat.InPerson,
            WhoItIsFor = "Anyone who has been prescribed antidepressants and is reducing or coming off them, or thinking about it.",
            WhatToExpect = "We sit in a circle with a cup of tea. Each person can say how their week has been, or just listen.\n\nWe share our hard times and the little tricks that helped on our worst days. Every journey is different: what suits one person will not suit another.",
            WhatItIsNot = "We do not plan anyone's withdrawal and we are not trained therapists. We are not linked to any surgery, and you do not need a referral from your GP.",
            VenueName = "Nant Hall church hall",
            VenueAddress = "Nant Hall Road, Prestatyn",
            AccessNotes = "Step-free entrance from the car park; hearing loop in the main hall.",
        },
        new Group
        {
            Slug = "rhyl-hearing-voices",
            Topics = Vocabulary.Store("hearing-voices"),
            Audiences = Vocabulary.Store("everyone"),
            JoinPolicy = JoinPolicy.Closed,
            Name = "Rhyl Hearing Voices Group",
            Summary = "Voice-hearers supporting each other to understand and live with their experiences, in the Hearing Voices tradition.",
            Town = "Rhyl",
            Latitude = 53.3193,
            Longitude = -3.4916,
            Format = GroupFormat.InPerson,
        },
        new Group
        {
            Slug = "chard-thursday-meet-up",
            Topics = Vocabulary.Store("general-wellbeing"),
            Audiences = Vocabulary.Store("everyone"),
            Access = Vocabulary.Store("step-free"),
            Name = "Chard Thursday Meet-up",
            Summary = "A weekly social meet-up on Thursdays for people living with mental health needs, facilitated by the network.",
            Town = "Chard",
            Latitude = 50.8728,
            Longitude = -2.9587,
            Format = GroupFormat.InPerson,
            IsFacilitatedByNetwork = true,
        },
        new Group
        {
            Slug = "taunton-mens-peer-support",
            Topics = Vocabulary.Store("depression", "anxiety"),
            Audiences = Vocabulary.Store("men"),
            Name = "Taunton Men's Peer Support",
            Summary = "Men talking about how things really are, over a cup of tea. Come along and just listen if you like.",
            Town = "Taunton",
            Latitude = 51.0149,
            Longitude = -3.1029,
            Format = GroupFormat.Hybrid,
        },
        new Group
        {
            Slug = "cardiff-grief-circle",
            Topics = Vocabulary.Store("grief"),
            Audiences = Vocabulary.Store("everyone"),
            Access = Vocabulary.Store("step-free", "bsl"),
            Name = "Cardiff Grief Circle / Cylch Galar Caerdydd",
            Summary = "For anyone grieving, in English and Welsh. We listen without trying to fix.",
            Town = "Cardiff",
            Latitude = 51.4816,
            Longitude = -3.1791,
            Format = GroupFormat.InPerson,
            Languages = "en,cy",
            VenueName = "Canolfan y Gymuned",
            VenueAddress = "Heol y Frenhines, Caerdydd",
            AddressForMembersOnly = true,
        },
        new Group
        {
            Slug = "young-peoples-evening-chat",
            Topics = Vocabulary.Store("general-wellbeing", "anxiety"),
            Audiences = Vocabulary.Store("young-people"),
            Name = "Young People's Evening Chat",
            Summary = "An online group for people aged 16 to 25 who are struggling. We don't always talk about mental health, and that's fine.",
            Format = GroupFormat.Online,
        },
        new Group
        {
            Slug = "carers-connect",
            Topics = Vocabulary.Store("general-wellbeing"),
            Audiences = Vocabulary.Store("carers"),
            Name = "Carers Connect",
            Summary = "An online group for people who care for someone with a mental illness.",
            Format = GroupFormat.Online,
            IsFacilitatedByNetwork = true,
            JoinPolicy = JoinPolicy.Closed,
        },
        new Group
        {
            Slug = "taunton-dbt-skills-circle",
            Topics = Vocabulary.Store("self-harm", "depression"),
            Audiences = Vocabulary.Store("everyone"),
            Name = "Taunton DBT Skills Circle",
            Summary = "A closed group of friends from a recovery course practising DBT skills together. Reachable by link only.",
            Town = "Taunton",
            Latitude = 51.0149,
            Longitude = -3.1029,
            Format = GroupFormat.InPerson,
            IsListed = false,
            JoinPolicy = JoinPolicy.InviteOnly,
        },
    ];
}
