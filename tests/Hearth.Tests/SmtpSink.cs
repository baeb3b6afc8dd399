using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hearth.Tests;

/// <summary>One message as an SMTP server received it: the envelope's recipients and the raw text.</summary>
public sealed record ReceivedMail(IReadOnlyList<string> To, string Raw)
{
    public SentEmail Email => Mailbox.Parse("smtp", Raw);
}

/// <summary>
/// A small SMTP server on a loopback port that keeps what it is sent, for tests of mail that leaves through SMTP.
/// It can be told to refuse every message (a mail server that is down), to test what is tried again.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    public SmtpSink()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>While true, every message is refused with a temporary failure.</summary>
    public bool Refuse { get; set; }

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Hearth:Mail:SmtpHost"] = "127.0.0.1",
        ["Hearth:Mail:SmtpPort"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hearth:Mail:SmtpSsl"] = "false",
    };

    public List<ReceivedMail> To(string address) =>
        [.. Received.Where(m => m.To.Any(t => string.Equals(t, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived in all.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"{Received.Count} of {count} messages arrived within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 sink ready");
                var to = new List<string>();
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250 sink");
                            break;
                        case "MAIL":
                            to.Clear();
                            await writer.WriteLineAsync(Refuse ? "451 try again later" : "250 OK");
                            break;
                        case "RCPT":
                            to.Add(line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.LastIndexOf('>')]);
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 go ahead");
                            var raw = new StringBuilder();
                            while (await reader.ReadLineAsync() is { } data && data != ".")
                            {
                                raw.Append(data.StartsWith("..", StringComparison.Ordinal) ? data[1..] : data).Append("\r\n");
                            }

                            Received.Enqueue(new ReceivedMail([.. to], raw.ToString()));
                            await writer.WriteLineAsync("250 kept");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK");
                            break;
                    }
                }
            }
            catch (IOException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }
}
