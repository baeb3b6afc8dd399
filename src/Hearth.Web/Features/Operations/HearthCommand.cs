namespace Hearth.Web.Features.Operations;

/// <summary>
/// What the executable was asked to do: serve (no verb), or one of the operator commands. Words before the
/// first <c>--option</c> belong to the command, and so do the command's own switches (<c>--replace</c>);
/// the options configure the host as usual.
/// </summary>
public sealed record HearthCommand(string? Verb, IReadOnlyList<string> Arguments, string[] HostArgs)
{
    public const string Usage =
        "Usage: Hearth.Web [migrate | seed-demo | backup <file> | generate-groups <count> [--replace] | generate <smoke|county|nation> [--replace] | safety-check] [--Setting=value ...]";

    private static readonly string[] Switches = ["--replace"];

    public static HearthCommand Parse(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-') || Switches.Contains(a)).ToList();
        var hostArgs = args.Skip(words.Count).ToArray();
        return words.Count == 0
            ? new HearthCommand(null, [], hostArgs)
            : new HearthCommand(words[0], words.Skip(1).ToList(), hostArgs);
    }
}
