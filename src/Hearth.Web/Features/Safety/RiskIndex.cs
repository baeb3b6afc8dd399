using System.Runtime.CompilerServices;
using Hearth.Web.Data;

namespace Hearth.Web.Features.Safety;

internal enum PatternKind
{
    Word,
    Prefix,
    Fuzzy,
    Number,
    Many,
    Year,
}

internal enum SlotKind
{
    Words,

    /// <summary><c>_</c>: any one word.</summary>
    Any,

    /// <summary><c>..</c>: up to three words.</summary>
    Gap,

    /// <summary><c>$</c>: the end of a segment (punctuation or the end of the message), after a phrase's last word.</summary>
    End,
}

/// <summary>One word of a lexicon phrase: a word, a prefix (<c>kill*</c>), a near spelling (<c>~suicidal</c>), or a number.</summary>
internal readonly record struct PatternWord(PatternKind Kind, string Key);

/// <summary>One place in a phrase: any of its alternatives (each one or more words, or a named list: <c>@act</c>), or a wildcard.</summary>
internal sealed record PatternSlot(SlotKind Kind, bool Optional, IReadOnlyList<PatternWord[]> Alternatives, IReadOnlyList<string>? Lists = null);

/// <summary>
/// Every word the lexicon names, as a tree of letters walked once per word of a message: the walk finds the exact word
/// and every prefix pattern on the way. Keys are squeezed (no apostrophes, no letter twice in a row), so "killl",
/// "dont" and "ladd" find "kill", "don't" and "lladd".
/// </summary>
internal sealed class WordIndex
{
    private const int FuzzyFrom = 5;

    private readonly Dictionary<long, int> next = [];
    private readonly List<int> exact = [-1];
    private readonly List<int> prefix = [-1];

    // The tree as flat arrays once built (Freeze): the children of node n are childChar/childNode[childStart[n]..childStart[n + 1]].
    private int[] childStart = [0, 0];
    private char[] childChar = [];
    private int[] childNode = [];
    private int[] exactOf = [-1];
    private int[] prefixOf = [-1];
    private readonly List<(string Key, int Id)> fuzzy = [];
    private readonly Dictionary<PatternWord, int> ids = [];
    private int numberId = -1;
    private int manyId = -1;
    private int yearId = -1;

    public int Count => ids.Count;

    /// <summary>The most ids one word can have: its exact word, every prefix, every near spelling, and number, many and year.</summary>
    public int MostIdsPerWord { get; private set; } = 4;

    public int Id(PatternWord word)
    {
        if (ids.TryGetValue(word, out var id))
        {
            return id;
        }

        id = ids.Count;
        ids.Add(word, id);
        switch (word.Kind)
        {
            case PatternKind.Word:
                exact[Walk(word.Key)] = id;
                break;
            case PatternKind.Prefix:
                prefix[Walk(word.Key)] = id;
                MostIdsPerWord++;
                break;
            case PatternKind.Fuzzy:
                fuzzy.Add((word.Key, id));
                MostIdsPerWord++;
                break;
            case PatternKind.Number:
                numberId = id;
                break;
            case PatternKind.Many:
                manyId = id;
                break;
            case PatternKind.Year:
                yearId = id;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(word), word.Kind, "Not a kind of word.");
        }

        return id;
    }

    /// <summary>Writes the ids of the patterns <paramref name="key"/> matches and returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Lookup(ReadOnlySpan<char> key, Span<int> found)
    {
        var count = 0;
        var node = 0;
        var previous = '\0';
        var alive = true;
        var digits = key.Length > 0;
        Span<char> squeezed = stackalloc char[32];
        var length = 0;
        foreach (var c in key)
        {
            if (c == '\'' || c == previous)
            {
                continue;
            }

            previous = c;
            digits &= char.IsAsciiDigit(c);
            if (length < squeezed.Length)
            {
                squeezed[length] = c;
            }

            length++;
            if (alive)
            {
                node = Child(node, c);
                if (node < 0)
                {
                    alive = false;
                }
                else if (prefixOf[node] >= 0)
                {
                    found[count++] = prefixOf[node];
                }
            }
        }

        if (alive && exactOf[node] >= 0)
        {
            found[count++] = exactOf[node];
        }

        if (digits)
        {
            if (numberId >= 0)
            {
                found[count++] = numberId;
            }

            if (manyId >= 0 && (key.Length > 2 || (key.Length == 2 && key[0] != '0')))
            {
                found[count++] = manyId;
            }

            if (yearId >= 0 && key.Length == 4 && ((key[0] == '1' && key[1] == '9') || (key[0] == '2' && key[1] == '0')))
            {
                found[count++] = yearId;
            }
        }

        if (length >= FuzzyFrom && length <= squeezed.Length)
        {
            var word = squeezed[..length];
            foreach (var (candidate, id) in fuzzy)
            {
                if (Math.Abs(candidate.Length - length) <= 1 && candidate[0] == word[0] && WithinOneEdit(word, candidate) && !found[..count].Contains(id))
                {
                    found[count++] = id;
                }
            }
        }

        return count;
    }

    /// <summary>Whether <paramref name="key"/> is a whole word of the lexicon ("kms"), for joining spelled-out letters.</summary>
    public bool IsWord(ReadOnlySpan<char> key)
    {
        var node = 0;
        var previous = '\0';
        foreach (var c in key)
        {
            if (c == previous)
            {
                continue;
            }

            previous = c;
            node = Child(node, c);
            if (node < 0)
            {
                return false;
            }
        }

        return exactOf[node] >= 0 || prefixOf[node] >= 0;
    }

    /// <summary>After the last <see cref="Id"/>: the tree as flat arrays, so that a lookup touches no dictionary.</summary>
    public void Freeze()
    {
        var nodes = exact.Count;
        var edges = next.Select(e => (Parent: (int)(e.Key >> 16), Letter: (char)(e.Key & 0xFFFF), Child: e.Value))
            .OrderBy(e => e.Parent).ThenBy(e => e.Letter).ToArray();
        childStart = new int[nodes + 1];
        childChar = new char[edges.Length];
        childNode = new int[edges.Length];
        for (var i = 0; i < edges.Length; i++)
        {
            childStart[edges[i].Parent + 1]++;
            childChar[i] = edges[i].Letter;
            childNode[i] = edges[i].Child;
        }

        for (var n = 0; n < nodes; n++)
        {
            childStart[n + 1] += childStart[n];
        }

        exactOf = [.. exact];
        prefixOf = [.. prefix];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Child(int node, char c)
    {
        var from = childStart[node];
        var to = childStart[node + 1];
        if (to - from > 8)
        {
            var found = Array.BinarySearch(childChar, from, to - from, c);
            return found >= 0 ? childNode[found] : -1;
        }

        for (var i = from; i < to; i++)
        {
            if (childChar[i] == c)
            {
                return childNode[i];
            }
        }

        return -1;
    }

    public static string Squeeze(ReadOnlySpan<char> key)
    {
        Span<char> squeezed = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        var length = 0;
        var previous = '\0';
        foreach (var c in key)
        {
            if (c != '\'' && c != previous)
            {
                squeezed[length++] = c;
                previous = c;
            }
        }

        return new string(squeezed[..length]);
    }

    /// <summary>One letter wrong, missing, extra, or two letters swapped: "sucidal", "suicidel", "suicdial".</summary>
    internal static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length > b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        var i = a.CommonPrefixLength(b);
        if (i == a.Length)
        {
            return b.Length - a.Length <= 1;
        }

        if (a.Length < b.Length)
        {
            return a[i..].SequenceEqual(b[(i + 1)..]);
        }

        return a[(i + 1)..].SequenceEqual(b[(i + 1)..])
            || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]));
    }

    private int Walk(string key)
    {
        var node = 0;
        foreach (var c in key)
        {
            var edge = ((long)node << 16) | c;
            if (!next.TryGetValue(edge, out var child))
            {
                child = exact.Count;
                exact.Add(-1);
                prefix.Add(-1);
                next.Add(edge, child);
            }

            node = child;
        }

        return node;
    }
}

/// <summary>
/// Every lexicon phrase as a small graph of slots, found from the words that can start it: each word of a message
/// looks up the slots its ids can begin, and each is followed from slot to slot within the word's segment (phrases
/// do not run over punctuation). A named list (<c>@act</c>) is built into the graph of each phrase that uses it, as
/// branches that meet again after it, so <c>@will @act</c> is one phrase, not every pairing of the two lists; and
/// alternatives are sets of ids, so "a|b|c d|e" is one slot after another, not six phrases.
/// </summary>
internal sealed class PhraseIndex
{
    public const int LongestGap = 3;


    /// <summary>How many slots one phrase may grow to once its lists are built in; a guard against a runaway network list.</summary>
    private const int MostSlotsPerPhrase = 1 << 16;

    /// <summary>From how many next slots of one word a slot looks them up by word id rather than trying each.</summary>
    private const int IndexFrom = 4;

    private readonly List<Node> building = [];
    private readonly HashSet<int> entries = [];
    private List<int> roots = [];
    private Node[] nodes = [];
    private Start[][] byId = [];

    public int SlotCount => building.Count;

    /// <summary>The slots once phrases that begin alike share their beginning (see <see cref="Freeze"/>).</summary>
    public int SharedSlotCount => nodes.Length;

    public void Add(LexiconPhrase phrase, int entry, WordIndex index, IReadOnlyDictionary<string, IReadOnlyList<LexiconPhrase>> lists)
    {
        var first = building.Count;
        var starts = Build(phrase.Slots, [Complete(entry)], index, lists);
        if (building.Count - first > MostSlotsPerPhrase)
        {
            throw new HearthStartupException($"Risk lexicon {phrase.Source}: \"{phrase.Text}\" grows to more than {MostSlotsPerPhrase} slots once its lists are filled in; split it.");
        }

        // Lines are checked to start and end with a word when read, so a phrase built from them does too.
        foreach (var node in starts)
        {
            if (node < 0 || building[node].Kind != SlotKind.Words)
            {
                throw new InvalidOperationException($"Risk lexicon {phrase.Source}: \"{phrase.Text}\" can start without a word.");
            }

            entries.Add(node);
        }
    }

    /// <summary>In a slot's list of next slots, a negative number: the phrase of that entry is complete.</summary>
    private static int Complete(int entry) => -1 - entry;

    /// <summary>
    /// After the last <see cref="Add"/>: the slots each word id can start, as arrays; and for each slot with many next
    /// slots (a list's branches), those next slots by the word ids they take, so that a word tries only its own.
    /// </summary>
    public void Freeze(WordIndex index)
    {
        nodes = [.. Share()];
        var starts = new Dictionary<int, List<Start>>();
        foreach (var root in roots)
        {
            foreach (var id in nodes[root].Singles)
            {
                StartsWith(id).Add(new Start(root, SingleWord: true));
            }

            foreach (var id in nodes[root].Multiples.Select(m => m[0]).Distinct())
            {
                StartsWith(id).Add(new Start(root, SingleWord: false));
            }
        }

        byId = new Start[index.Count][];
        foreach (var (id, list) in starts)
        {
            byId[id] = [.. list.Distinct()];
        }

        foreach (var node in nodes)
        {
            var words = node.Next.Where(n => n >= 0 && nodes[n].Kind == SlotKind.Words).ToList();
            if (words.Count < IndexFrom)
            {
                node.Rest = node.Next;
                continue;
            }

            node.Rest = [.. node.Next.Where(n => n < 0 || nodes[n].Kind != SlotKind.Words)];
            node.Multiple = [.. words.Where(n => nodes[n].Multiples.Length > 0)];
            var byKey = words.SelectMany(n => nodes[n].Singles.Select(id => (Id: id, Node: n))).GroupBy(p => p.Id).OrderBy(g => g.Key).ToList();
            node.Keys = [.. byKey.Select(g => g.Key)];
            node.ByKey = [.. byKey.Select(g => g.Select(p => p.Node).Distinct().ToArray())];
        }

        List<Start> StartsWith(int id)
        {
            if (!starts.TryGetValue(id, out var list))
            {
                starts[id] = list = [];
            }

            return list;
        }
    }

    /// <summary>
    /// Phrases that begin alike share their beginning: first slots that match the same words become one slot, whose
    /// next slots are all of theirs; and so on down, for next slots reached from nowhere else. "@will" begins a dozen
    /// phrases, and a word is then tried against it once, not a dozen times. What each phrase matches is unchanged.
    /// </summary>
    private List<Node> Share()
    {
        var before = new int[building.Count];
        foreach (var next in building.SelectMany(n => n.Next).Where(n => n >= 0))
        {
            before[next]++;
        }

        var shared = new List<Node>();
        var kept = Enumerable.Repeat(-1, building.Count).ToArray();
        roots = [];
        foreach (var group in entries.Where(e => before[e] == 0).Order().GroupBy(Content))
        {
            roots.Add(Merge([.. group]));
        }

        roots.AddRange(entries.Where(e => before[e] > 0).Order().Select(Keep));
        return shared;

        int Keep(int old)
        {
            if (kept[old] >= 0)
            {
                return kept[old];
            }

            var at = shared.Count;
            kept[old] = at;
            shared.Add(building[old]);
            var node = building[old];
            shared[at] = new Node(node.Kind, node.Singles, node.Multiples, [.. node.Next.Select(n => n < 0 ? n : Keep(n))]);
            return at;
        }

        int Merge(List<int> olds)
        {
            if (olds.Count == 1)
            {
                return Keep(olds[0]);
            }

            var at = shared.Count;
            var first = building[olds[0]];
            shared.Add(first);
            var next = olds.SelectMany(o => building[o].Next).Distinct().ToList();
            var alone = next.Where(n => n >= 0 && before[n] == 1 && !entries.Contains(n)).ToList();
            shared[at] = new Node(first.Kind, first.Singles, first.Multiples, [
                .. next.Where(n => n < 0),
                .. alone.GroupBy(Content).Select(g => Merge([.. g])),
                .. next.Where(n => n >= 0 && !alone.Contains(n)).Select(Keep)]);
            return at;
        }

        string Content(int old)
        {
            var node = building[old];
            return $"{node.Kind} {string.Join(',', node.Singles)} {string.Join(';', node.Multiples.Select(m => string.Join(',', m)))}";
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Match(RiskText text)
    {
        var tokens = text.Tokens;
        var segmentStart = 0;
        for (var t = 1; t <= text.Count; t++)
        {
            if (t == text.Count || (tokens[t].Flags & TokenFlags.SegmentStart) != 0)
            {
                for (var start = segmentStart; start < t; start++)
                {
                    ref readonly var token = ref tokens[start];
                    for (var k = 0; k < token.IdCount; k++)
                    {
                        var id = text.Ids[token.IdStart + k];
                        if (id < byId.Length && byId[id] is { } candidates)
                        {
                            foreach (var candidate in candidates)
                            {
                                var node = nodes[candidate.Node];
                                if (candidate.SingleWord)
                                {
                                    // The word's id is in the slot's alternatives: go straight on to the next slots.
                                    Next(text, node, start, start + 1, t);
                                }
                                else
                                {
                                    Multiples(text, node, start, start, t);
                                }
                            }
                        }
                    }
                }

                segmentStart = t;
            }
        }
    }

    /// <summary>
    /// The graph of <paramref name="slots"/> leading on to <paramref name="next"/>, built back to front; returns the slots
    /// it can start at (several for a list or an optional slot, and some of <paramref name="next"/> when all may be left out).
    /// </summary>
    private int[] Build(IReadOnlyList<PatternSlot> slots, int[] next, WordIndex index, IReadOnlyDictionary<string, IReadOnlyList<LexiconPhrase>> lists)
    {
        var follow = next;
        for (var i = slots.Count - 1; i >= 0; i--)
        {
            var slot = slots[i];
            var branches = new List<int>();
            foreach (var name in slot.Lists ?? [])
            {
                foreach (var line in lists[name])
                {
                    branches.AddRange(Build(line.Slots, follow, index, lists));
                }
            }

            if (slot.Kind != SlotKind.Words || slot.Alternatives.Count > 0)
            {
                var alternatives = slot.Alternatives.Select(a => a.Select(index.Id).ToArray()).ToList();
                building.Add(new Node(
                    slot.Kind,
                    [.. alternatives.Where(a => a.Length == 1).Select(a => a[0]).Distinct().Order()],
                    [.. alternatives.Where(a => a.Length > 1)],
                    follow));
                branches.Add(building.Count - 1);
            }

            int[] here = [.. branches.Distinct()];

            follow = slot.Optional ? [.. here.Union(follow)] : here;
        }

        return follow;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Visit(RiskText text, int slot, int start, int position, int end)
    {
        var node = nodes[slot];
        switch (node.Kind)
        {
            case SlotKind.Any when position < end:
                Next(text, node, start, position + 1, end);
                break;
            case SlotKind.Gap:
                for (var skip = 0; skip <= LongestGap && position + skip < end; skip++)
                {
                    Next(text, node, start, position + skip, end);
                }

                break;
            case SlotKind.End when position == end:
                Next(text, node, start, position, end);
                break;
            case SlotKind.Words when position < end:
                if (HasAny(text, position, node.Singles))
                {
                    Next(text, node, start, position + 1, end);
                }

                Multiples(text, node, start, position, end);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Multiples(RiskText text, Node node, int start, int position, int end)
    {
        foreach (var words in node.Multiples)
        {
            if (position + words.Length <= end && HasAll(text, position, words))
            {
                Next(text, node, start, position + words.Length, end);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Next(RiskText text, Node node, int start, int position, int end)
    {
        foreach (var next in node.Rest)
        {
            if (next < 0)
            {
                text.AddMatch(start, position, -1 - next);
            }
            else
            {
                Visit(text, next, start, position, end);
            }
        }

        if (node.Keys.Length == 0 || position >= end)
        {
            return;
        }

        // The next slots this word can fill, each once, however many of the word's ids lead to it.
        ref readonly var token = ref text.Tokens[position];
        Span<int> found = stackalloc int[16];
        var count = 0;
        for (var k = 0; k < token.IdCount; k++)
        {
            var key = node.Keys.AsSpan().BinarySearch(text.Ids[token.IdStart + k]);
            if (key < 0)
            {
                continue;
            }

            foreach (var next in node.ByKey[key])
            {
                if (!found[..count].Contains(next))
                {
                    if (count == found.Length)
                    {
                        Next(text, nodes[next], start, position + 1, end);
                        continue;
                    }

                    found[count++] = next;
                }
            }
        }

        foreach (var next in found[..count])
        {
            Next(text, nodes[next], start, position + 1, end);
        }

        foreach (var next in node.Multiple)
        {
            Multiples(text, nodes[next], start, position, end);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasAny(RiskText text, int position, int[] sortedIds)
    {
        ref readonly var token = ref text.Tokens[position];
        if (token.IdCount == 0 || sortedIds.Length == 0)
        {
            return false;
        }

        for (var k = 0; k < token.IdCount; k++)
        {
            var id = text.Ids[token.IdStart + k];
            if (sortedIds.Length <= 8 ? sortedIds.AsSpan().Contains(id) : sortedIds.AsSpan().BinarySearch(id) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasAll(RiskText text, int position, int[] ids)
    {
        for (var w = 0; w < ids.Length; w++)
        {
            ref readonly var token = ref text.Tokens[position + w];
            if (!text.Ids.AsSpan(token.IdStart, token.IdCount).Contains(ids[w]))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Start(int Node, bool SingleWord);

    /// <summary>
    /// One slot: what it matches, and the slots that may come after it (a negative number: a phrase is complete, see
    /// <see cref="Complete"/>). Once frozen, a slot with many next slots has them by word id (<see cref="Keys"/>,
    /// <see cref="ByKey"/>), those of several words in <see cref="Multiple"/>, and the rest in <see cref="Rest"/>.
    /// </summary>
    private sealed class Node(SlotKind kind, int[] singles, int[][] multiples, int[] next)
    {
        public SlotKind Kind { get; } = kind;

        public int[] Singles { get; } = singles;

        public int[][] Multiples { get; } = multiples;

        public int[] Next { get; } = next;

        public int[] Rest { get; set; } = next;

        public int[] Keys { get; set; } = [];

        public int[][] ByKey { get; set; } = [];

        public int[] Multiple { get; set; } = [];
    }
}
