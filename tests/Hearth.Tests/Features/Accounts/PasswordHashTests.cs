using System.Buffers.Binary;
using Hearth.Tests.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Tests.Features.Accounts;

/// <summary>Identity V3 hashes: byte 0x01, then big-endian PRF (2 = HMAC-SHA512), iteration count, salt length, salt, key.</summary>
public sealed class PasswordHashTests(PasswordHashTests.RealCostFactory factory) : IClassFixture<PasswordHashTests.RealCostFactory>
{
    /// <summary>Every other test hashes at a lower cost to save time; these check the cost Hearth really uses.</summary>
    public sealed class RealCostFactory : AccountsFactory
    {
        protected override bool RealPasswordHashCost => true;
    }

    private const uint HmacSha512 = 2;

    [Fact]
    public async Task Passwords_are_stored_as_pbkdf2_with_hmac_sha512_and_210000_iterations()
    {
        var person = Person.Unique();
        await factory.RegisterAsync(person);

        var hash = Describe((await factory.FindUserAsync(person.Email)).PasswordHash!);

        Assert.Equal((byte)0x01, hash.Format);
        Assert.Equal(HmacSha512, hash.Prf);
        Assert.Equal(210_000u, hash.Iterations);
    }

    [Fact]
    public async Task A_password_hashed_with_fewer_iterations_is_hashed_again_at_sign_in()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var older = new PasswordHasher<HearthUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        var normalized = person.Email.ToUpperInvariant();
        await using (var db = MigrationTests.Open(factory.Database.Options))
        {
            var user = await db.Users.SingleAsync(u => u.NormalizedEmail == normalized);
            user.PasswordHash = older.HashPassword(user, person.Password);
            await db.SaveChangesAsync();
        }

        Assert.Equal(100_000u, Describe((await factory.FindUserAsync(person.Email)).PasswordHash!).Iterations);

        await factory.SignInAsync(person);

        var upgraded = Describe((await factory.FindUserAsync(person.Email)).PasswordHash!);
        Assert.Equal(HmacSha512, upgraded.Prf);
        Assert.Equal(210_000u, upgraded.Iterations);
    }

    private static (byte Format, uint Prf, uint Iterations) Describe(string passwordHash)
    {
        var bytes = Convert.FromBase64String(passwordHash);
        return (bytes[0], BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)));
    }
}
