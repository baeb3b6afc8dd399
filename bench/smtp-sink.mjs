// A minimal SMTP server on 127.0.0.1 for benchmarks: accepts every message, keeps none, and rewrites a file with
// "<messages received> <milliseconds since the first one>" after each, so a script can watch delivery.
// Usage: node bench/smtp-sink.mjs <port> <count-file>
import net from "node:net";
import fs from "node:fs";

const [port, countFile] = [Number(process.argv[2]), process.argv[3]];
let received = 0;
let first = 0;
let recipients = new Set();

const server = net.createServer((socket) => {
  let buffer = "";
  let inData = false;
  socket.write("220 bench sink\r\n");
  socket.on("data", (chunk) => {
    buffer += chunk.toString("latin1");
    let end;
    while ((end = buffer.indexOf("\r\n")) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (inData) {
        if (line === ".") {
          inData = false;
          received++;
          if (received === 1) first = Date.now();
          fs.writeFileSync(countFile, `${received} ${Date.now() - first} ${recipients.size}\n`);
          socket.write("250 kept\r\n");
        }
        continue;
      }
      const verb = line.split(" ")[0].toUpperCase();
      if (verb === "DATA") { inData = true; socket.write("354 go ahead\r\n"); }
      else if (verb === "RCPT") { recipients.add(line.slice(line.indexOf("<") + 1, line.lastIndexOf(">"))); socket.write("250 OK\r\n"); }
      else if (verb === "QUIT") { socket.end("221 bye\r\n"); }
      else socket.write("250 OK\r\n");
    }
  });
  socket.on("error", () => {});
});
server.listen(port, "127.0.0.1");
