using Hearth.Web.Data;
using Hearth.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>Demo agreements and memberships: Robin organises Prestatyn with Sam as a member; Eleri organises Cardiff.</summary>
internal sealed class MembershipDemoData(TimeProvider clock) : IDemoData
{
    public const string Agreement = "What is said in the group stays in the group.\nWe listen without trying to fix.\nWe never give advice about medication or doses.\nWe respect each other's views and take turns to speak.\nPhones away during the meeting.";

    public int Order => 250;

    public async Task AddAsync(HearthDb db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Groups.ExecuteUpdateAsync(g => g.SetProperty(x => x.AgreementText, Agreement), cancellationToken);
        var people = await db.Users.ToDictionaryAsync(u => u.DisplayName, u => u.Id, cancellationToken);
        var groups = await db.Groups.ToDictionaryAsync(g => g.Slug, g => g.Id, cancellationToken);
        foreach (var (slug, person, role) in new[]
        {
            ("prestatyn-withdrawal-support", "Robin", GroupRole.Organiser),
            ("prestatyn-withdrawal-support", "Sam", GroupRole.Member),
            ("cardiff-grief-circle", "Eleri", GroupRole.Organiser),
        })
        {
            db.GroupMembers.Add(new GroupMember { GroupId = groups[slug], UserId = people[person], Role = role, JoinedAt = now, AgreementVersionAccepted = 1 });
        }
    }
}
