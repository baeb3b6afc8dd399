using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>The groups a person belongs to, in their export; memberships go with the account when it is erased.</summary>
internal sealed class GroupsPersonalData(HearthDb db) : IPersonalData
{
    public string Section => "groups";

    public async Task<object?> ExportAsync(string userId, CancellationToken cancellationToken) =>
        await (from m in db.GroupMembers.AsNoTracking()
               join g in db.Groups on m.GroupId equals g.Id
               where m.UserId == userId
               orderby g.Name
               select new { Group = g.Name, Role = m.Role.ToString(), m.JoinedAt, m.AgreementVersionAccepted }).ToListAsync(cancellationToken);

    public Task EraseAsync(string userId, bool eraseContributions, CancellationToken cancellationToken) => Task.CompletedTask;
}
