using System.Runtime.CompilerServices;
using System.Text;

namespace Hearth.Web.Features.Safety;

[Flags]
internal enum TokenFlags : byte
{
    None = 0,

    /// <summary>Punctuation (a comma, a bracket, a quote mark...) or a sentence end comes before this word: no phrase spans it.</summary>
    SegmentStart = 1,
    SentenceStart = 2,

    /// <summary>The word's key is in <see cref="RiskText.Keys"/>, not in the text itself ("yn" for the "'n" of "dwi'n", "kms" for "k.m.s").</summary>
    SyntheticKey = 4,
}

internal struct Token
{
    /// <summary>Where the word is in <see cref="RiskText.Chars"/>, as written (lower case, accents folded).</summary>
    public int Start;
    public int End;
    public int KeyStart;
    public int KeyLength;
    public TokenFlags Flags;
    public int Sentence;

    /// <summary>The lexicon words this word is (an exact word, and any prefixes or near spellings it matches), in <see cref="RiskText.Ids"/>.</summary>
    public int IdStart;
    public int IdCount;

    /// <summary>For a word inside quote marks: its quote's first word + 1, and the word after its last; 0 and 0 outside quotes.</summary>
    public int Quote;
    public int QuoteEnd;
}

internal struct PhraseMatch
{
    public int Start;
    public int End;
    public int Entry;
}

/// <summary>
/// One message read for the risk check: folded to lower case without accents (ŵ is w, â is a) with straight
/// apostrophes, split into words, sentences and segments (between punctuation), each word looked up in the lexicon.
/// An instance is scratch space reused by one thread, so that checking a message allocates nothing.
/// </summary>
internal sealed class RiskText
{
    private const int LargestKept = 1 << 16;

    private static readonly char[] FoldTable = BuildFoldTable(0, 0x250);
    private static readonly char[] FoldExtendedTable = BuildFoldTable(0x1E00, 0x1F00);

    public char[] Chars = new char[512];
    public int Length;
    public char[] Keys = new char[64];
    public int KeysLength;
    public Token[] Tokens = new Token[128];
    public int Count;
    public int[] Ids = new int[128];
    public int IdsLength;
    public PhraseMatch[] Matches = new PhraseMatch[32];
    public int MatchCount;

    /// <summary>Per word: the clause it belongs to (segments, further split at words like "but").</summary>
    public int[] Clauses = new int[128];

    /// <summary>Per word: the segment it belongs to (between punctuation).</summary>
    public int[] Segments = new int[128];

    /// <summary>Per match: what the rules made of it.</summary>
    public int[] States = new int[32];

    /// <summary>Per active risk match: whether it is about someone other than the writer.</summary>
    public bool[] ThirdParty = new bool[32];

    /// <summary>Where quote marks are in <see cref="Chars"/>: an opening one (before a word) as its position, a closing one as -1 - position.</summary>
    private int[] quoteMarks = new int[8];
    private int quoteMarkCount;

    /// <summary>The longest quote, in words, read as one: a longer stretch between two quote marks is more likely apostrophes.</summary>
    private const int LongestQuote = 40;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(string text, WordIndex? words)
    {
        Reset(text.Length);
        var pending = TokenFlags.SegmentStart | TokenFlags.SentenceStart;
        var sentence = 0;
        var tokenStart = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var raw = text[i];
            if (char.IsHighSurrogate(raw) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // An emoji is a word of its own, so that the lexicon can name one (😂 after "kms" is a joke).
                CloseToken(ref tokenStart, ref pending, ref sentence);
                Chars[Length++] = raw;
                Chars[Length++] = text[++i];
                tokenStart = Length - 2;
                CloseToken(ref tokenStart, ref pending, ref sentence);
                continue;
            }

            var c = Fold(raw);
            if (IsWordChar(c)
                || (c == '\'' && tokenStart >= 0 && i + 1 < text.Length && IsWordChar(Fold(text[i + 1])))
                || (c is '.' or ',' && tokenStart >= 0 && char.IsAsciiDigit(Chars[Length - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                if (tokenStart < 0)
                {
                    tokenStart = Length;
                }

                Chars[Length++] = c;
                continue;
            }

            CloseToken(ref tokenStart, ref pending, ref sentence);
            if (c is '\'' or '"')
            {
                NoteQuoteMark(text, i);
            }

            switch (c)
            {
                case '.' or '!' or '?' or ';' or '\n' or '\r' or '…' or '。':
                    pending |= TokenFlags.SegmentStart | TokenFlags.SentenceStart;
                    break;
                case ',' or ':' or '(' or ')' or '[' or ']' or '{' or '}' or '"' or '/' or '|' or '–' or '—' or '•':
                    pending |= TokenFlags.SegmentStart;
                    break;
                case '-' when (i == 0 || char.IsWhiteSpace(text[i - 1])) && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])):
                    pending |= TokenFlags.SegmentStart;
                    break;
            }

            Chars[Length++] = char.IsWhiteSpace(c) || char.IsControl(c) ? ' ' : c;
        }

        CloseToken(ref tokenStart, ref pending, ref sentence);
        if (words is not null)
        {
            JoinSpelledOutWords(words);
            MarkQuotes();
            for (var t = 0; t < Count; t++)
            {
                ref var token = ref Tokens[t];
                EnsureIds(IdsLength + words.MostIdsPerWord);
                token.IdStart = IdsLength;
                token.IdCount = words.Lookup(Key(in token), Ids.AsSpan(IdsLength));
                IdsLength += token.IdCount;
            }
        }
    }

    public ReadOnlySpan<char> Key(in Token token) =>
        (token.Flags & TokenFlags.SyntheticKey) != 0 ? Keys.AsSpan(token.KeyStart, token.KeyLength) : Chars.AsSpan(token.KeyStart, token.KeyLength);

    /// <summary>The words from <paramref name="first"/> to <paramref name="last"/> (inclusive) as the person wrote them, lower case.</summary>
    public string Quote(int first, int last)
    {
        var start = Tokens[first].Start;
        var end = Tokens[last].End;
        const int longest = 80;
        return end - start <= longest ? new string(Chars, start, end - start) : string.Concat(Chars.AsSpan(start, longest), "…");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddMatch(int start, int end, int entry)
    {
        for (var m = MatchCount - 1; m >= 0 && Matches[m].Start == start; m--)
        {
            if (Matches[m].End == end && Matches[m].Entry == entry)
            {
                return;
            }
        }

        if (MatchCount == Matches.Length)
        {
            Array.Resize(ref Matches, Matches.Length * 2);
            Array.Resize(ref States, Matches.Length);
            Array.Resize(ref ThirdParty, Matches.Length);
        }

        Matches[MatchCount++] = new PhraseMatch { Start = start, End = end, Entry = entry };
    }

    /// <summary>The lexicon keys of a phrase's word, read exactly as messages are: "Dwi'n" is "dwi" "yn", "self-harm" is "self" "harm".</summary>
    public static List<string> KeysOf(string text)
    {
        var reader = new RiskText();
        reader.Read(text, words: null);
        var keys = new List<string>(reader.Count);
        for (var t = 0; t < reader.Count; t++)
        {
            keys.Add(WordIndex.Squeeze(reader.Key(in reader.Tokens[t])));
        }

        return keys;
    }

    public static char Fold(char c)
    {
        if (c < 128)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c == '`' ? '\'' : c;
        }

        if (c < FoldTable.Length)
        {
            return FoldTable[c];
        }

        if (c is >= (char)0x1E00 and < (char)0x1F00)
        {
            return FoldExtendedTable[c - 0x1E00];
        }

        return c switch
        {
            '‘' or '’' or '‛' or '′' or 'ʼ' => '\'',
            '“' or '”' or '„' or '‟' => '"',
            _ => char.ToLowerInvariant(c),
        };
    }

    private static bool IsWordChar(char c) =>
        c < 128 ? char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) : char.IsLetterOrDigit(c);

    private void Reset(int length)
    {
        // Every character is written once, plus the keys of joined and split words.
        var needed = length + 16;
        if (Chars.Length < needed || Chars.Length > LargestKept)
        {
            Chars = new char[Math.Max(needed, 512)];
        }

        if (Keys.Length > LargestKept)
        {
            Keys = new char[64];
        }

        if (Tokens.Length > LargestKept)
        {
            Tokens = new Token[128];
            Clauses = new int[128];
            Segments = new int[128];
            Ids = new int[128];
        }

        Length = 0;
        quoteMarkCount = 0;
        KeysLength = 0;
        Count = 0;
        IdsLength = 0;
        MatchCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CloseToken(ref int tokenStart, ref TokenFlags pending, ref int sentence)
    {
        if (tokenStart < 0)
        {
            return;
        }

        if (!SplitWelshContraction(tokenStart, Length, ref pending, ref sentence) && !ExpandSpelling(tokenStart, Length, ref pending, ref sentence))
        {
            AddToken(tokenStart, Length, tokenStart, Length - tokenStart, TokenFlags.None, ref pending, ref sentence);
        }

        tokenStart = -1;
    }

    /// <summary>
    /// "dwi'n", "mae'n", "i'r": the Welsh "yn" and "yr" shortened onto the word before, and "o'i", "a'i", "efo'u": "ei"
    /// and "eu". They are read as two words, so that "dwi'n mynd" and "dw i yn mynd" match the same phrases, "i'n" is not
    /// the English "in", and "llwyth o'i dabledi" is "llwyth o ei dabledi".
    /// </summary>
    private bool SplitWelshContraction(int start, int end, ref TokenFlags pending, ref int sentence)
    {
        if (end - start < 3 || Chars[end - 2] != '\'' || Chars[end - 1] is not ('n' or 'r' or 'i' or 'u'))
        {
            return false;
        }

        AddToken(start, end - 2, start, end - 2 - start, TokenFlags.None, ref pending, ref sentence);
        var keyStart = KeysLength;
        EnsureKeys(2);
        Keys[KeysLength++] = Chars[end - 1] is 'n' or 'r' ? 'y' : 'e';
        Keys[KeysLength++] = Chars[end - 1];
        AddToken(end - 2, end, keyStart, 2, TokenFlags.SyntheticKey, ref pending, ref sentence);
        return true;
    }

    /// <summary>
    /// Two spellings that would otherwise read the same once apostrophes go: the English "OD'd" (overdosed) and the
    /// Welsh "o'dd" (oedd, "was"). Both are read as their full words.
    /// </summary>
    private bool ExpandSpelling(int start, int end, ref TokenFlags pending, ref int sentence)
    {
        var word = Chars.AsSpan(start, end - start);
        var full = word switch
        {
            "od'd" or "od'ed" or "oded" => "overdosed",
            "od'ing" or "oding" => "overdosing",
            "o'dd" => "oedd",
            "ro'dd" => "roedd",
            _ => null,
        };
        if (full is null)
        {
            return false;
        }

        var keyStart = KeysLength;
        EnsureKeys(full.Length);
        full.CopyTo(Keys.AsSpan(KeysLength));
        KeysLength += full.Length;
        AddToken(start, end, keyStart, full.Length, TokenFlags.SyntheticKey, ref pending, ref sentence);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddToken(int start, int end, int keyStart, int keyLength, TokenFlags flags, ref TokenFlags pending, ref int sentence)
    {
        if (Count == Tokens.Length)
        {
            Array.Resize(ref Tokens, Tokens.Length * 2);
            Array.Resize(ref Clauses, Tokens.Length);
            Array.Resize(ref Segments, Tokens.Length);
        }

        if ((pending & TokenFlags.SentenceStart) != 0 && Count > 0)
        {
            sentence++;
        }

        Tokens[Count++] = new Token { Start = start, End = end, KeyStart = keyStart, KeyLength = keyLength, Flags = flags | pending, Sentence = sentence };
        pending = TokenFlags.None;
    }

    /// <summary>
    /// "k m s", "k.m.s", "s/h": single letters spelled out to dodge a filter, joined when together they are a lexicon word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void JoinSpelledOutWords(WordIndex words)
    {
        const int longest = 8;
        Span<char> spelled = stackalloc char[longest];
        var write = 0;
        for (var read = 0; read < Count; read++)
        {
            var last = read;
            while (last + 1 < Count && IsLetter(last + 1) && IsLetter(read) && JoinsTo(last, last + 1))
            {
                last++;
            }

            var letters = last - read + 1;
            var spacesOnly = letters > 1 && IsSpaced(read, last);
            if (letters >= (spacesOnly ? 3 : 2) && letters <= longest)
            {
                var key = spelled[..letters];
                for (var k = 0; k < letters; k++)
                {
                    key[k] = Chars[Tokens[read + k].Start];
                }

                if (words.IsWord(key))
                {
                    EnsureKeys(letters);
                    key.CopyTo(Keys.AsSpan(KeysLength));
                    var joined = Tokens[read];
                    joined.End = Tokens[last].End;
                    joined.KeyStart = KeysLength;
                    joined.KeyLength = letters;
                    joined.Flags |= TokenFlags.SyntheticKey;
                    KeysLength += letters;
                    Tokens[write++] = joined;
                    read = last;
                    continue;
                }
            }

            Tokens[write++] = Tokens[read];
        }

        Count = write;
        var sentence = 0;
        for (var t = 0; t < Count; t++)
        {
            sentence += t > 0 && (Tokens[t].Flags & TokenFlags.SentenceStart) != 0 ? 1 : 0;
            Tokens[t].Sentence = sentence;
        }
    }

    /// <summary>
    /// A quote mark opens a quote when a word follows it and none comes before ("said 'i want"), and closes one after a
    /// word or a sentence's end mark ("to die'"). Apostrophes inside words (don't, dwi'n) never get here; Welsh words
    /// shortened at the front ('di, 'na) look like opening marks, and stay unpaired unless a closing one follows.
    /// </summary>
    private void NoteQuoteMark(string text, int i)
    {
        var before = i > 0 && (IsWordChar(Fold(text[i - 1])) || text[i - 1] is '.' or '!' or '?' or '…');
        var after = i + 1 < text.Length && IsWordChar(Fold(text[i + 1]));
        if (before == after)
        {
            return;
        }

        if (quoteMarkCount == quoteMarks.Length)
        {
            Array.Resize(ref quoteMarks, quoteMarks.Length * 2);
        }

        quoteMarks[quoteMarkCount++] = after ? Length : -1 - Length;
    }

    /// <summary>
    /// Pairs each closing quote mark with the nearest opening one before it and marks the words between as quoted, in
    /// segments of their own: "she said 'i want to die'" reads the quote apart from the words around it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MarkQuotes()
    {
        if (quoteMarkCount < 2)
        {
            return;
        }

        Span<int> open = stackalloc int[8];
        var depth = 0;
        for (var m = 0; m < quoteMarkCount; m++)
        {
            var mark = quoteMarks[m];
            if (mark >= 0)
            {
                if (depth == open.Length)
                {
                    open[..^1].CopyTo(open[1..]);
                    depth--;
                }

                open[depth++] = mark;
                continue;
            }

            if (depth == 0)
            {
                continue;
            }

            var from = open[--depth];
            var to = -1 - mark;
            var first = 0;
            while (first < Count && Tokens[first].Start < from)
            {
                first++;
            }

            var last = first;
            while (last < Count && Tokens[last].End <= to)
            {
                last++;
            }

            if (last == first || last - first > LongestQuote)
            {
                continue;
            }

            for (var t = first; t < last; t++)
            {
                // An inner quote was marked first and keeps its own bounds.
                if (Tokens[t].Quote == 0)
                {
                    Tokens[t].Quote = first + 1;
                    Tokens[t].QuoteEnd = last;
                }
            }

            Tokens[first].Flags |= TokenFlags.SegmentStart;
            if (last < Count)
            {
                Tokens[last].Flags |= TokenFlags.SegmentStart;
            }
        }
    }

    private bool IsLetter(int token) => Tokens[token].End - Tokens[token].Start == 1 && char.IsAsciiLetterLower(Chars[Tokens[token].Start]);

    private bool JoinsTo(int left, int right)
    {
        var gap = Chars.AsSpan(Tokens[left].End, Tokens[right].Start - Tokens[left].End);
        return gap.Length is 1 or 2 && !gap.ContainsAnyExcept(" ./-*");
    }

    private bool IsSpaced(int first, int last)
    {
        for (var t = first; t < last; t++)
        {
            if (Chars.AsSpan(Tokens[t].End, Tokens[t + 1].Start - Tokens[t].End).ContainsAnyExcept(' '))
            {
                return false;
            }
        }

        return true;
    }

    private void EnsureKeys(int more)
    {
        if (KeysLength + more > Keys.Length)
        {
            Array.Resize(ref Keys, Math.Max(Keys.Length * 2, KeysLength + more));
        }
    }

    private void EnsureIds(int needed)
    {
        if (needed > Ids.Length)
        {
            Array.Resize(ref Ids, Math.Max(Ids.Length * 2, needed));
        }
    }

    /// <summary>Lower case without accents for the Latin letters (Welsh ŵ ŷ â ê î ô û ẁ ẃ ẅ ỳ included), computed once.</summary>
    private static char[] BuildFoldTable(int from, int to)
    {
        var table = new char[to - from];
        for (var i = from; i < to; i++)
        {
            var c = (char)i;
            var lower = char.ToLowerInvariant(c);
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            table[i - from] = decomposed.Length > 1 && char.IsAsciiLetter(decomposed[0]) ? char.ToLowerInvariant(decomposed[0]) : lower;
        }

        if (from == 0)
        {
            table['´'] = '\'';
            table['«'] = '"';
            table['»'] = '"';
        }

        return table;
    }
}
