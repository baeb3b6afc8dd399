using Hearth.Web.Data;
using Hearth.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// Demo agreements, memberships and the ways in: Robin organises Prestatyn (Jo co-organises, Sam is a member) and the
/// closed Rhyl group, where Morgan has asked to join; Eleri organises Cardiff, which is full with Alex waiting;
/// Morgan has written to Prestatyn's organisers and had a reply.
/// </summary>
internal sealed class MembershipDemoData(TimeProvider clock) : IDemoData
{
    public const string Agreement = "What is said in the group stays in the group.\nWe listen without trying to fix.\nWe never give advice about medication or doses.\nWe respect each other's views and take turns to speak.\nPhones away during the meeting.";

    public const string PrestatynDescription = """
        We are people who have come off, or are coming off, antidepressants and other psychiatric drugs. Some of us
        tapered slowly, some of us stopped suddenly and had a hard time. We meet to share **what helped**, to be
        believed, and to feel less alone.

        - No one is told what to do.
        - You do not need a diagnosis or a referral.
        - More about withdrawal: [Royal College of Psychiatrists](https://www.rcpsych.ac.uk/mental-health/treatments-and-wellbeing/stopping-antidepressants)
        """;

    public const string PrestatynFaq = """
        **Do I have to talk?**
        No. Many people just listen for the first few weeks.

        **Will you tell me to stop my medication?**
        Never. We share experiences; decisions about medication are yours, with your prescriber.

        **Can I bring someone?**
        Yes, for your first visit. Tell us in a message first.
        """;

    public int Order => 250;

    public async Task AddAsync(HearthDb db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Groups.ExecuteUpdateAsync(g => g.SetProperty(x => x.AgreementText, Agreement), cancellationToken);
        await db.Groups.Where(g => g.Slug == "prestatyn-withdrawal-support").ExecuteUpdateAsync(
            g => g.SetProperty(x => x.Description, PrestatynDescription).SetProperty(x => x.Faq, PrestatynFaq), cancellationToken);
        await db.Groups.Where(g => g.Slug == "cardiff-grief-circle").ExecuteUpdateAsync(g => g.SetProperty(x => x.Capacity, 2), cancellationToken);
        var people = await db.Users.ToDictionaryAsync(u => u.DisplayName, u => u.Id, cancellationToken);
        var groups = await db.Groups.ToDictionaryAsync(g => g.Slug, g => g.Id, cancellationToken);
        foreach (var (slug, person, role) in new[]
        {
            ("prestatyn-withdrawal-support", "Robin", GroupRole.Organiser),
            ("prestatyn-withdrawal-support", "Jo", GroupRole.CoOrganiser),
            ("prestatyn-withdrawal-support", "Sam", GroupRole.Member),
            ("rhyl-hearing-voices", "Robin", GroupRole.Organiser),
            ("cardiff-grief-circle", "Eleri", GroupRole.Organiser),
            ("cardiff-grief-circle", "Robin", GroupRole.Member),
        })
        {
            db.GroupMembers.Add(new GroupMember { GroupId = groups[slug], UserId = people[person], Role = role, JoinedAt = now, AgreementVersionAccepted = 1 });
        }

        db.JoinRequests.Add(new JoinRequest
        {
            GroupId = groups["rhyl-hearing-voices"],
            UserId = people["Morgan"],
            State = JoinRequestState.Requested,
            Message = "I have heard voices for a few years and have never talked to anyone else who does. Is the group right for me?",
            CreatedAt = now.AddDays(-2),
            AgreementVersionAccepted = 1,
        });
        db.JoinRequests.Add(new JoinRequest
        {
            GroupId = groups["cardiff-grief-circle"],
            UserId = people["Alex"],
            State = JoinRequestState.Waiting,
            CreatedAt = now.AddDays(-5),
            AgreementVersionAccepted = 1,
        });

        var chat = new Conversation { GroupId = groups["prestatyn-withdrawal-support"], PersonId = people["Morgan"], StartedAt = now.AddDays(-3), LastMessageAt = now.AddDays(-2), PersonReadAt = now.AddDays(-3) };
        db.Conversations.Add(chat);
        await db.SaveChangesAsync(cancellationToken);
        db.ConversationMessages.AddRange(
            new ConversationMessage { ConversationId = chat.Id, AuthorId = people["Morgan"], Body = "Hello. I am thinking of coming on Thursday but I am nervous. Is it OK to just sit and listen?", SentAt = now.AddDays(-3) },
            new ConversationMessage { ConversationId = chat.Id, AuthorId = people["Robin"], FromOrganisers = true, Body = "Hi Morgan, of course. Lots of us just listened at first. Come a few minutes early and I will say hello at the door.", SentAt = now.AddDays(-2) });
    }
}
