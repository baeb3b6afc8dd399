namespace Hearth.Tests.Features.Accounts;

/// <summary>
/// Hearth with the demo people, and with the per-address limit on sign-in, registration and reset attempts out of
/// the way: a test class sends many from one address. AttemptsRateLimitTests covers that limit.
/// </summary>
public class AccountsFactory : HearthFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Hearth:Accounts:AttemptsPerMinute"] = "100000",
    };
}
