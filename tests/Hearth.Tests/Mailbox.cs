using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Hearth.Tests;

/// <summary>One email as the app wrote it to its pickup folder, decoded to what the recipient reads.</summary>
public sealed record SentEmail(string FileName, DateTime Written, IReadOnlyList<string> To, string Subject, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public bool IsTo(string address) => To.Any(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>A header's value as sent (folded lines joined), or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value.Trim() : null;
}

/// <summary>
/// Reads the .eml files System.Net.Mail writes to a pickup folder. Mail goes out in the background, one message
/// after another in the order it was sent, so tests poll for it; and once a later message has arrived, any earlier
/// one would have too, which is how a test shows that something was NOT sent.
/// </summary>
public static partial class Mailbox
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private static readonly char[] TrailingPunctuation = ['.', ',', ')'];

    /// <summary>Every message in the folder so far, oldest first.</summary>
    public static IReadOnlyList<SentEmail> ReadAll(string folder) =>
        [.. Files(folder).Select(file => TryRead(file) is { } raw ? TryParse(file, raw) : null).OfType<SentEmail>().OrderBy(e => e.Written)];

    /// <summary>The newest message to <paramref name="to"/> (with the subject containing the given text), waiting for it.</summary>
    public static async Task<SentEmail> WaitForAsync(string folder, string to, string? subjectContains = null, TimeSpan? timeout = null) =>
        (await WaitForAllAsync(folder, to, subjectContains, 1, timeout))[^1];

    /// <summary>Waits until at least <paramref name="count"/> such messages have arrived; returns them all, oldest first.</summary>
    public static async Task<IReadOnlyList<SentEmail>> WaitForAllAsync(string folder, string to, string? subjectContains, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        // A file is read only once it is the same on two polls running, so a message is never taken half written.
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var found = new List<SentEmail>();
            foreach (var file in Files(folder))
            {
                var raw = TryRead(file);
                if (raw is null)
                {
                    continue;
                }

                if (previous.TryGetValue(file, out var before) && string.Equals(before, raw, StringComparison.Ordinal)
                    && TryParse(file, raw) is { } email && email.IsTo(to)
                    && (subjectContains is null || email.Subject.Contains(subjectContains, StringComparison.Ordinal)))
                {
                    found.Add(email);
                }

                previous[file] = raw;
            }

            if (found.Count >= count)
            {
                return [.. found.OrderBy(e => e.Written)];
            }

            if (DateTime.UtcNow > deadline)
            {
                var arrived = string.Join("; ", ReadAll(folder).Select(e => $"{string.Join(',', e.To)}: {e.Subject}"));
                throw new XunitException($"Waited for {count} email(s) to {to} about \"{subjectContains}\"; found {found.Count}. The folder holds: {arrived}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The first https link in a message body.</summary>
    public static string FirstLink(string body)
    {
        var match = LinkPattern().Match(body);
        Assert.True(match.Success, $"No https link in: {body}");
        return match.Value.TrimEnd(TrailingPunctuation);
    }

    public static SentEmail Parse(string fileName, string raw)
    {
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var rawBody = end < 0 ? "" : text[(end + 2)..];

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                // A folded header line continues the one before it.
                if (last is not null)
                {
                    headers[last] += line;
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                last = null;
                continue;
            }

            var name = line[..colon].Trim();
            last = headers.TryAdd(name, line[(colon + 1)..].Trim()) ? name : null;
        }

        string Header(string name) => headers.TryGetValue(name, out var value) ? value.Trim() : "";

        var to = Header("To").Length > 0 ? Header("To") : Header("X-Receiver");
        var charset = Charset(Header("Content-Type"));
        var transfer = Header("Content-Transfer-Encoding");
        string body;
        if (string.Equals(transfer, "base64", StringComparison.OrdinalIgnoreCase))
        {
            body = charset.GetString(Convert.FromBase64String(new string([.. rawBody.Where(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')])));
        }
        else if (string.Equals(transfer, "quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            body = DecodeQuotedPrintable(rawBody, charset);
        }
        else
        {
            body = rawBody;
        }

        return new SentEmail(
            fileName,
            File.GetLastWriteTimeUtc(fileName),
            [.. AddressPattern().Matches(to).Select(m => m.Value)],
            DecodeHeader(Header("Subject")),
            body.Replace("\r\n", "\n", StringComparison.Ordinal),
            headers);
    }

    /// <summary>Quoted-printable: soft line breaks (<c>=</c> at a line end) vanish, <c>=XX</c> are bytes of the charset.</summary>
    public static string DecodeQuotedPrintable(string text, Encoding charset)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '=' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i += 1;
            }
            else if (c == '=' && i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n')
            {
                i += 2;
            }
            else if (c == '=' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c < 128)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(new string(c, 1)));
            }
        }

        return charset.GetString(bytes.ToArray());
    }

    /// <summary>
    /// RFC 2047 encoded words (<c>=?utf-8?B?...?=</c> and <c>=?utf-8?Q?...?=</c>). White space between two encoded
    /// words is dropped, and their bytes are joined before decoding, since a character may be split between them.
    /// </summary>
    public static string DecodeHeader(string value)
    {
        var result = new StringBuilder();
        var pending = new List<byte>();
        Encoding? pendingCharset = null;
        var position = 0;
        foreach (Match word in EncodedWordPattern().Matches(value))
        {
            var between = value[position..word.Index];
            if (pendingCharset is null || !string.IsNullOrWhiteSpace(between))
            {
                Flush();
                result.Append(between);
            }

            var charset = EncodingNamed(word.Groups["charset"].Value);
            if (pendingCharset is not null && !pendingCharset.Equals(charset))
            {
                Flush();
            }

            pendingCharset = charset;
            var encoded = word.Groups["text"].Value;
            pending.AddRange(string.Equals(word.Groups["kind"].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(encoded)
                : DecodeQ(encoded));
            position = word.Index + word.Length;
        }

        Flush();
        result.Append(value.AsSpan(position));
        return result.ToString();

        void Flush()
        {
            if (pendingCharset is not null)
            {
                result.Append(pendingCharset.GetString(pending.ToArray()));
                pending.Clear();
                pendingCharset = null;
            }
        }
    }

    private static byte[] DecodeQ(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '_')
            {
                bytes.Add((byte)' ');
            }
            else if (encoded[i] == '=' && i + 2 < encoded.Length)
            {
                bytes.Add(byte.Parse(encoded.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.Add((byte)encoded[i]);
            }
        }

        return bytes.ToArray();
    }

    private static Encoding Charset(string contentType)
    {
        var match = CharsetPattern().Match(contentType);
        return match.Success ? EncodingNamed(match.Groups["charset"].Value) : Encoding.UTF8;
    }

    private static Encoding EncodingNamed(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static string[] Files(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];

    private static string? TryRead(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (IOException)
        {
            // Being written, or already cleaned up.
            return null;
        }
    }

    private static SentEmail? TryParse(string file, string raw)
    {
        try
        {
            return Parse(file, raw);
        }
        catch (FormatException)
        {
            // Half written: its base64 is not complete yet.
            return null;
        }
    }

    [GeneratedRegex(@"https://[^\s<>""]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"[^\s<>,;:""]+@[^\s<>,;:""]+")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<kind>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWordPattern();

    [GeneratedRegex(@"charset\s*=\s*""?(?<charset>[^"";\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();
}
