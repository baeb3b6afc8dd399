namespace Hearth.Tests;

/// <summary>
/// The real time plus however far a test has moved it on. Registered as Hearth's <see cref="TimeProvider"/>, it
/// is the clock of sessions, security events, cookies and Identity's security-stamp check alike.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
