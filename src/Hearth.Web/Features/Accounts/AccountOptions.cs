namespace Hearth.Web.Features.Accounts;

/// <summary>Configured under <c>Hearth:Accounts</c>.</summary>
public sealed class AccountOptions
{
    /// <summary>A session unused for this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Time to change one's mind after asking to delete an account.</summary>
    public TimeSpan DeletionGracePeriod { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often erasure of accounts past their grace period runs.</summary>
    public TimeSpan ErasureInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Sign-in, registration, reset and two-factor attempts allowed per address per minute.</summary>
    public int AttemptsPerMinute { get; set; } = 10;
}
