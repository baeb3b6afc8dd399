using Hearth.Tests.Features.Accounts;
using Hearth.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Admin;

public sealed class PeopleTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private static readonly string Alex = AccountsDemoData.People.Single(p => p.Role == NetworkRoles.Admin).Email;

    [Fact]
    public async Task An_admin_gives_and_removes_a_network_role_and_the_person_sees_it_in_their_activity()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var personClient = await factory.SignInAsync(person);
        var admin = await factory.SignInAsync(Alex, AccountsDemoData.Password);
        var id = (await factory.FindUserAsync(person.Email)).Id;

        using var granted = await admin.PostFormAsync($"/admin/people?Search={Uri.EscapeDataString(person.DisplayName)}", new Dictionary<string, string> { ["userId"] = id, ["role"] = NetworkRoles.Moderator },
            $"form:has(input[name='userId'][value='{id}']):has(input[name='role'][value='{NetworkRoles.Moderator}'])");

        Assert.Contains($"{person.DisplayName} is now moderator.", (await granted.ReadDocumentAsync()).MainText(), StringComparison.Ordinal);
        Assert.True(await InRoleAsync(person.Email, NetworkRoles.Moderator));
        Assert.Contains(SecurityEventKind.RoleGranted, await factory.SecurityEventsAsync(id));

        using var removed = await admin.PostFormAsync($"/admin/people?Search={Uri.EscapeDataString(person.DisplayName)}", new Dictionary<string, string>(),
            $"form:has(input[name='userId'][value='{id}']):has(input[name='role'][value='{NetworkRoles.Moderator}'])");

        Assert.False(await InRoleAsync(person.Email, NetworkRoles.Moderator));
        Assert.Contains(SecurityEventKind.RoleRemoved, await factory.SecurityEventsAsync(id));
        // A removed role stops working at once: the person is signed out everywhere.
        Assert.StartsWith("/account/sign-in", (await personClient.GetAsync(new Uri("/account", UriKind.Relative))).RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_admin_cannot_remove_their_own_admin_role()
    {
        var admin = await factory.SignInAsync(Alex, AccountsDemoData.Password);
        var alexId = (await factory.FindUserAsync(Alex)).Id;

        using var response = await admin.PostFormAsync("/admin/people?Search=Alex", new Dictionary<string, string>(),
            $"form:has(input[name='userId'][value='{alexId}']):has(input[name='role'][value='{NetworkRoles.Admin}'])");

        Assert.Contains("This Hearth needs at least one admin", (await response.ReadDocumentAsync()).QuerySelector("[data-error-summary]")!.Text(), StringComparison.Ordinal);
        Assert.True(await InRoleAsync(Alex, NetworkRoles.Admin));
    }

    private async Task<bool> InRoleAsync(string email, string role)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>();
        return await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, role);
    }
}
