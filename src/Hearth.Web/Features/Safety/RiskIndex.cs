using System.Runtime.CompilerServices;

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
}

/// <summary>One word of a lexicon phrase: a word, a prefix (<c>kill*</c>), a near spelling (<c>~suicidal</c>), or a number.</summary>
internal readonly record struct PatternWord(PatternKind Kind, string Key);

/// <summary>One place in a phrase: any of its alternatives (each one or more words), or a wildcard.</summary>
internal sealed record PatternSlot(SlotKind Kind, bool Optional, IReadOnlyList<PatternWord[]> Alternatives);

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
/// Every lexicon phrase as a sequence of slots, found from the words that can start it: each word of a message
/// looks up the phrases its ids can begin, and each is followed slot by slot within the word's segment (phrases
/// do not run over punctuation). Alternatives are sets of ids, so "a|b|c d|e" is one phrase, not six.
/// </summary>
internal sealed class PhraseIndex
{
    public const int LongestGap = 3;

    private readonly List<Phrase> phrases = [];
    private readonly Dictionary<int, List<Start>> starts = [];
    private Phrase[] all = [];
    private Start[][] byId = [];

    public void Add(IReadOnlyList<PatternSlot> slots, int entry, WordIndex index)
    {
        var compiled = new Slot[slots.Count];
        for (var i = 0; i < slots.Count; i++)
        {
            var alternatives = slots[i].Alternatives.Select(a => a.Select(index.Id).ToArray()).ToList();
            compiled[i] = new Slot(
                slots[i].Kind,
                slots[i].Optional,
                [.. alternatives.Where(a => a.Length == 1).Select(a => a[0]).Distinct().Order()],
                [.. alternatives.Where(a => a.Length > 1)]);
        }

        var phrase = phrases.Count;
        phrases.Add(new Phrase(compiled, entry));

        // A phrase starts at its first slot, or at a later one when every slot before it is optional.
        for (var i = 0; i < compiled.Length; i++)
        {
            foreach (var id in compiled[i].Singles)
            {
                StartsWith(id).Add(new Start(phrase, i, SingleWord: true));
            }

            foreach (var id in compiled[i].Multiples.Select(m => m[0]).Distinct())
            {
                StartsWith(id).Add(new Start(phrase, i, SingleWord: false));
            }

            if (!compiled[i].Optional)
            {
                break;
            }
        }
    }

    /// <summary>After the last <see cref="Add"/>: the phrases each word id can start, as arrays.</summary>
    public void Freeze(WordIndex index)
    {
        all = [.. phrases];
        byId = new Start[index.Count][];
        foreach (var (id, list) in starts)
        {
            byId[id] = [.. list.Distinct()];
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
                                var phrase = all[candidate.Phrase];
                                if (candidate.SingleWord)
                                {
                                    // The word's id is in the slot's alternatives: go straight on to the next slot.
                                    Follow(text, phrase, candidate.Slot + 1, start, start + 1, t, first: false);
                                }
                                else
                                {
                                    Follow(text, phrase, candidate.Slot, start, start, t, first: true);
                                }
                            }
                        }
                    }
                }

                segmentStart = t;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Follow(RiskText text, Phrase phrase, int slot, int start, int position, int end, bool first)
    {
        if (slot == phrase.Slots.Length)
        {
            text.AddMatch(start, position, phrase.Entry);
            return;
        }

        var current = phrase.Slots[slot];
        if (current.Optional && !first)
        {
            Follow(text, phrase, slot + 1, start, position, end, first: false);
        }

        switch (current.Kind)
        {
            case SlotKind.Any when position < end:
                Follow(text, phrase, slot + 1, start, position + 1, end, first: false);
                break;
            case SlotKind.Gap:
                for (var skip = 0; skip <= LongestGap && position + skip < end; skip++)
                {
                    Follow(text, phrase, slot + 1, start, position + skip, end, first: false);
                }

                break;
            case SlotKind.Words when position < end:
                if (!first && HasAny(text, position, current.Singles))
                {
                    Follow(text, phrase, slot + 1, start, position + 1, end, first: false);
                }

                foreach (var words in current.Multiples)
                {
                    if (position + words.Length <= end && HasAll(text, position, words))
                    {
                        Follow(text, phrase, slot + 1, start, position + words.Length, end, first: false);
                    }
                }

                break;
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

    private List<Start> StartsWith(int id)
    {
        if (!starts.TryGetValue(id, out var list))
        {
            starts[id] = list = [];
        }

        return list;
    }

    private readonly record struct Start(int Phrase, int Slot, bool SingleWord);

    private sealed record Slot(SlotKind Kind, bool Optional, int[] Singles, int[][] Multiples);

    private sealed record Phrase(Slot[] Slots, int Entry);
}
