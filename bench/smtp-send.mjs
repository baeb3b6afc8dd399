// The reminder benchmark's baseline: sends <count> small messages to an SMTP server on 127.0.0.1:<port>, one
// connection per message as .NET's SmtpClient does, <parallel> at a time; prints the milliseconds it took.
// Usage: node bench/smtp-send.mjs <port> <count> <parallel>
import net from "node:net";

const [port, count, parallel] = process.argv.slice(2).map(Number);

function sendOne(i) {
  return new Promise((resolve, reject) => {
    const steps = ["EHLO bench", "MAIL FROM:<bench@hearth.invalid>", `RCPT TO:<person-${i}@example.invalid>`, "DATA",
      `From: bench@hearth.invalid\r\nTo: person-${i}@example.invalid\r\nSubject: A reminder\r\n\r\nA baseline message.\r\n.`, "QUIT"];
    const socket = net.connect(port, "127.0.0.1");
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      let end;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (line[3] === "-") continue;
        if (steps.length === 0) { socket.end(); resolve(); return; }
        socket.write(steps.shift() + "\r\n");
      }
    });
    socket.on("error", reject);
    socket.on("close", resolve);
  });
}

const started = Date.now();
let next = 0;
await Promise.all(Array.from({ length: parallel }, async () => {
  while (next < count) await sendOne(next++);
}));
console.log(Date.now() - started);
