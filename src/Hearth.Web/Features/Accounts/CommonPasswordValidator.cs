using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Hearth's password rule (NIST SP 800-63B): at least 8 characters, up to <see cref="MaxLength"/>, any
/// characters including spaces, and none of the 10,000 most common passwords (common-passwords.txt,
/// from zxcvbn, MIT). Length matters more than symbols, so passphrases are welcome.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<Strings> text) : IPasswordValidator<HearthUser>
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    private static readonly Lazy<FrozenSet<string>> Common = new(() =>
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Hearth.CommonPasswords")!;
        using var reader = new StreamReader(stream);
        var words = new List<string>(10_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    });

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<HearthUser> manager, HearthUser user, string? password)
    {
        password ??= "";
        if (password.Length < MinLength)
        {
            return Fail("PasswordTooShort", text["Accounts.Password.TooShort", MinLength]);
        }

        if (password.Length > MaxLength)
        {
            return Fail("PasswordTooLong", text["Accounts.Password.TooLong", MaxLength]);
        }

        if (IsCommon(password))
        {
            return Fail("PasswordCommon", text["Accounts.Password.Common"]);
        }

        if (string.Equals(password, user.Email, StringComparison.OrdinalIgnoreCase) || string.Equals(password.Trim(), user.DisplayName, StringComparison.OrdinalIgnoreCase))
        {
            return Fail("PasswordIsName", text["Accounts.Password.IsName"]);
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static Task<IdentityResult> Fail(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));
}
