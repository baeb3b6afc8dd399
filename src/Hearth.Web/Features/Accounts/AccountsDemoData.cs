using Hearth.Web.Data;
using Hearth.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Web.Features.Accounts;

/// <summary>Demo people, one per network role plus members; README lists their sign-ins. Addresses use the reserved .invalid domain.</summary>
internal sealed class AccountsDemoData(UserManager<HearthUser> users, RoleManager<IdentityRole> roles, TimeProvider clock) : IDemoData
{
    public const string Password = "hearth demo sign-in";

    public static readonly IReadOnlyList<(string DisplayName, string Email, string? Role)> People =
    [
        ("Alex", "alex@demo.hearth.invalid", NetworkRoles.Admin),
        ("Sam", "sam@demo.hearth.invalid", NetworkRoles.Moderator),
        ("Jo", "jo@demo.hearth.invalid", NetworkRoles.PeerGroupWorker),
        ("Morgan", "morgan@demo.hearth.invalid", NetworkRoles.MentorCoordinator),
        ("Robin", "robin@demo.hearth.invalid", null),
        ("Eleri", "eleri@demo.hearth.invalid", null),
    ];

    public int Order => 100;

    public async Task AddAsync(HearthDb db, CancellationToken cancellationToken)
    {
        await NetworkRolesSetup.EnsureRolesAsync(roles);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (displayName, email, role) in People)
        {
            var user = new HearthUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = displayName,
                NormalizedDisplayName = HearthUser.Normalize(displayName),
                // Members of a network that has been running a while: past the first day's posting limits.
                CreatedAt = now.AddDays(-90),
                TermsAcceptedAt = now.AddDays(-90),
                HealthDataConsentAt = now.AddDays(-90),
            };
            Check(await users.CreateAsync(user, Password));
            if (role is not null)
            {
                Check(await users.AddToRoleAsync(user, role));
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo account: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}

public static class NetworkRolesSetup
{
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in NetworkRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
