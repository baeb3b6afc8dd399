namespace Hearth.Web.Features.Operations;

/// <summary>
/// What the executable was asked to do: serve (no verb), or one of the operator commands. Words before the
/// first <c>--option</c> belong to the command; the options configure the host as usual.
/// </summary>
public sealed record HearthCommand(string? Verb, IReadOnlyList<string> Arguments, string[] HostArgs)
{
    public const string Usage =
        "Usage: Hearth.Web [migrate | seed-demo | backup <file>] [--Setting=value ...]";

    public static HearthCommand Parse(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        var hostArgs = args.Skip(words.Count).ToArray();
        return words.Count == 0
            ? new HearthCommand(null, [], hostArgs)
            : new HearthCommand(words[0], words.Skip(1).ToList(), hostArgs);
    }
}
