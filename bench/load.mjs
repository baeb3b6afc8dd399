// An open-loop HTTP load driver for loopback benchmarks. Unlike bench/paced.lua (wrk, where each connection
// waits for its answer before pacing the next request), requests here are sent on a fixed schedule whatever
// the server does, and each latency runs from the request's *scheduled* time: when the server stalls, the
// requests due meanwhile wait (on a socket or in the agent's queue) and the stall shows in the percentiles
// instead of lowering the offered rate (no coordinated omission).
//
// Usage: node bench/load.mjs --base URL[,URL...] --requests FILE --rate N --duration S
//          [--warmup S] [--connections N] [--timeout S] [--seed N] [--verbose]
// Defaults: --warmup 5, --connections 64 (sockets per base), --timeout 5, --seed 1. Request i goes to base
// i mod n. Like latency, the timeout runs from the scheduled time; a timeout counts as the timeout value. Only loopback bases are accepted (127.0.0.0/8, ::1, or localhost if it resolves only to those).
//
// FILE: one request a line, 6 tab-separated columns: label, method (GET|POST), path (from /), expected status
// (e.g. 200, 302, 2xx, 3xx; redirects are never followed), Cookie header (or empty), url-encoded body (POST;
// empty for GET). Every {n} in path and body becomes a number unique to the request (1 + seed*10^9 + its
// index). Every {alt:a,b,...} in a body becomes a the first time the line is sent, b the second, and so on
// (an answer that changes each time: "going", then "can't go"). Empty lines and lines starting with # are skipped; lines are sent in order, cyclically.
//
// Output: one line of flat JSON on stdout: offered, requests, completed, seconds, rate, p50, p90, p99, max,
// errors, timeouts, socket_errors, unexpected, late_ms, then <label>_requests, _p50, _p90, _p99, _max,
// _errors for each label. Latencies in ms. Exit status 2 for bad usage, a bad file or a non-loopback base.
import http from "node:http";
import net from "node:net";
import dns from "node:dns/promises";
import fs from "node:fs";
import { performance } from "node:perf_hooks";

const USAGE = "usage: node bench/load.mjs --base URL[,URL...] --requests FILE --rate N --duration S " +
  "[--warmup S] [--connections N] [--timeout S] [--seed N] [--verbose]";

function fail(message) {
  process.stderr.write(message + "\n");
  process.exit(2);
}

// ---- Command line -------------------------------------------------------------------------------------
const opts = { warmup: "5", connections: "64", timeout: "5", seed: "1", verbose: false };
const VALUED = ["base", "requests", "rate", "duration", "warmup", "connections", "timeout", "seed"];
const argv = process.argv.slice(2);
for (let k = 0; k < argv.length; k++) {
  const name = argv[k].startsWith("--") ? argv[k].slice(2) : null;
  if (name === "verbose") opts.verbose = true;
  else if (VALUED.includes(name) && k + 1 < argv.length) opts[name] = argv[++k];
  else fail(USAGE);
}
if (opts.base === undefined || opts.requests === undefined || opts.rate === undefined || opts.duration === undefined) {
  fail(USAGE);
}
const rate = Number(opts.rate);
const duration = Number(opts.duration);
const warmup = Number(opts.warmup);
const connections = Number(opts.connections);
const timeoutMs = Number(opts.timeout) * 1000;
const seed = Number(opts.seed);
const measuredCount = Math.round(rate * duration);
if (!(rate > 0 && rate < Infinity) || !(duration > 0 && duration < Infinity) || !(warmup >= 0 && warmup < Infinity) ||
    !(Number.isInteger(connections) && connections > 0) || !(timeoutMs > 0 && timeoutMs < Infinity) ||
    !(Number.isInteger(seed) && seed >= 0) || measuredCount < 1) {
  fail(USAGE);
}

// ---- Loopback only --------------------------------------------------------------------------------------
// IP literals must be loopback; the only name accepted is localhost, and every address it resolves to must be
// loopback. Other names are refused without being resolved, so not even a DNS query leaves the machine.
const isLoopback = (address) =>
  (net.isIPv4(address) && address.startsWith("127.")) || (net.isIPv6(address) && address === "::1");

async function checkBase(text) {
  const refuse = () => fail(`load.mjs only sends traffic to loopback (127.0.0.0/8 or ::1); refusing ${text}`);
  let url;
  try { url = new URL(text); } catch { refuse(); }
  if (url.protocol !== "http:" || url.username || url.password) refuse();
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1"); // URL has already normalised 127.1, [0::1] etc.
  const base = {
    hostname, port: Number(url.port || 80), hostHeader: url.host,
    prefix: url.pathname.replace(/\/$/, ""), // a base such as http://127.0.0.1:5080/app prefixes every path
    agent: new http.Agent({ keepAlive: true, maxSockets: connections }),
    lookup: undefined,
  };
  if (hostname === "localhost") {
    let addresses;
    try { addresses = await dns.lookup(hostname, { all: true }); } catch { refuse(); }
    if (addresses.length === 0 || !addresses.every((a) => isLoopback(a.address))) refuse();
    // Connect only to the addresses checked here, whatever a later lookup might say.
    base.lookup = (_name, options, callback) => {
      if (options && options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    };
  } else if (!isLoopback(hostname)) {
    refuse();
  }
  return base;
}
const bases = [];
for (const text of opts.base.split(",")) bases.push(await checkBase(text.trim()));

// ---- Request file ---------------------------------------------------------------------------------------
const RESERVED = ["offered", "requests", "completed", "seconds", "rate", "errors", "timeouts", "late", "socket"];
const lines = []; // { label, labelId, method, path, cookie, body, matches(status) }
const labels = []; // distinct labels in order of first appearance
let text;
try { text = fs.readFileSync(opts.requests, "utf8"); } catch (e) { fail(`load.mjs: cannot read ${opts.requests}: ${e.message}`); }
text.split("\n").forEach((raw, index) => {
  const line = raw.replace(/\r$/, "");
  if (line === "" || line.startsWith("#")) return;
  const bad = (why) => fail(`load.mjs: ${opts.requests} line ${index + 1}: ${why}`);
  const cols = line.split("\t");
  if (cols.length !== 6) bad(`expected 6 tab-separated columns, found ${cols.length}`);
  const [label, method, path, expect, cookie, body] = cols;
  if (!/^[a-z][a-z0-9]*$/.test(label) || RESERVED.includes(label)) bad(`label "${label}" must match [a-z][a-z0-9]* and not be ${RESERVED.join("/")}`);
  if (method !== "GET" && method !== "POST") bad(`method must be GET or POST, not "${method}"`);
  if (!path.startsWith("/") || /[^\u0021-\u00ff]/.test(path)) bad(`path must start with / and hold no spaces`);
  if (!/^[1-5](\d\d|xx)$/.test(expect)) bad(`expected status must be like 200 or 3xx, not "${expect}"`);
  if (method === "GET" && body !== "") bad("a GET has no body");
  try { if (cookie !== "") http.validateHeaderValue("Cookie", cookie); } catch { bad("cookie is not a valid header value"); }
  if (!labels.includes(label)) labels.push(label);
  lines.push({
    label, labelId: labels.indexOf(label), method, path, cookie, body,
    matches: expect.endsWith("xx") ? (s) => Math.floor(s / 100) === Number(expect[0]) : (s) => s === Number(expect),
  });
});
if (lines.length === 0) fail(`load.mjs: ${opts.requests} holds no requests`);

// ---- Schedule and send ------------------------------------------------------------------------------------
// Request i (0-based, warm-up first) is due at start + i * interval; the measured ones are those from
// warmupCount on, so answers to warm-up requests still in flight are never counted.
const interval = 1000 / rate;
const warmupCount = Math.round(rate * warmup);
const total = warmupCount + measuredCount;
const counterBase = 1 + seed * 1e9;

// Per measured request: latency (ms from its scheduled time), how late the driver sent it, and its outcome.
const OK = 1, UNEXPECTED = 2, TIMEOUT = 3, SOCKET = 4;
const latency = new Float64Array(measuredCount);
const late = new Float64Array(measuredCount);
const outcome = new Uint8Array(measuredCount);
const unexpectedByStatus = new Map();
const unexpectedSamples = [];

let start = 0;
let next = 0; // index of the next request to send
let outstanding = 0; // sent and neither answered nor failed
let reported = false;

function send(i) {
  const due = start + i * interval;
  const line = lines[i % lines.length];
  const base = bases[i % bases.length];
  const n = String(counterBase + i);
  const use = Math.floor(i / lines.length); // how many times this line was sent before, in this run
  const path = base.prefix + line.path.replaceAll("{n}", n);
  const headers = { Host: base.hostHeader, "X-Forwarded-Proto": "https" };
  if (line.cookie !== "") headers.Cookie = line.cookie;
  let body;
  if (line.method === "POST") {
    body = line.body.replaceAll("{n}", n).replace(/\{alt:([^}]*)\}/g, (_, options) => {
      const choices = options.split(",");
      return choices[use % choices.length];
    });
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  const j = i - warmupCount; // index among measured requests; negative during warm-up
  if (j >= 0) late[j] = performance.now() - due;
  outstanding++;

  let finished = false;
  let timer;
  const finish = (kind, res) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    outstanding--;
    if (j >= 0) {
      outcome[j] = kind;
      // A timeout counts as exactly the timeout; a socket error's latency is not used (see percentiles below).
      latency[j] = kind === TIMEOUT ? timeoutMs : performance.now() - due;
      if (kind === UNEXPECTED) {
        unexpectedByStatus.set(res.statusCode, (unexpectedByStatus.get(res.statusCode) ?? 0) + 1);
        if (unexpectedSamples.length < 5) {
          unexpectedSamples.push(`${line.label} ${line.method} ${path} -> ${res.statusCode}` +
            (res.headers.location ? ` Location: ${res.headers.location}` : ""));
        }
      }
    }
    maybeReport();
  };

  const req = http.request({
    agent: base.agent, host: base.hostname, port: base.port, lookup: base.lookup, method: line.method, path, headers,
  }, (res) => {
    res.on("end", () => finish(line.matches(res.statusCode) ? OK : UNEXPECTED, res)); // body fully read
    res.on("error", () => finish(SOCKET));
    res.resume(); // read and discard the body
  });
  req.on("error", () => finish(SOCKET));
  // The timeout runs from the scheduled time, like the latency, so time queued in the agent counts too.
  // A destroyed request still queued in the agent fails later with "socket hang up", which finish() ignores.
  timer = setTimeout(() => { finish(TIMEOUT); req.destroy(); }, due + timeoutMs - performance.now());
  req.end(body);
}

// Sends every request whose time has come (all overdue ones at once if the loop fell behind; none is ever
// skipped or moved), then sleeps until the next is due. Node's timers count whole milliseconds on a clock read
// at the start of each loop turn, so they may fire up to ~1 ms early (pump then sleeps 1 ms more) or late:
// sends are typically 0.5-1 ms late, which late_ms shows. Spinning on setImmediate through the last
// millisecond made them punctual but doubled the driver's CPU at 500 req/s, CPU taken from the server
// being measured on a small machine, so the driver never busy-waits.
function pump() {
  const now = performance.now();
  while (next < total && start + next * interval <= now) send(next++);
  if (next >= total) return maybeReport();
  setTimeout(pump, Math.max(1, start + next * interval - performance.now()));
}

// ---- Results --------------------------------------------------------------------------------------------
// Nearest-rank percentile of a sorted array.
const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value) => (value === undefined ? "null" : value.toFixed(3));

// Latency statistics over the measured requests that satisfy keep(j): answered ones (any status) and
// timeouts (at the timeout value). Socket errors (refused or reset connections) have no meaningful latency,
// often a tiny one, so they are left out of the percentiles; they are counted in errors.
function stats(keep) {
  let count = 0, errors = 0;
  for (let j = 0; j < measuredCount; j++) {
    if (!keep(j)) continue;
    if (outcome[j] !== SOCKET) count++;
    if (outcome[j] !== OK) errors++;
  }
  const sorted = new Float64Array(count);
  let k = 0;
  for (let j = 0; j < measuredCount; j++) if (keep(j) && outcome[j] !== SOCKET) sorted[k++] = latency[j];
  sorted.sort();
  return {
    p50: ms(percentile(sorted, 50)), p90: ms(percentile(sorted, 90)), p99: ms(percentile(sorted, 99)),
    max: ms(sorted[count - 1]), errors,
  };
}

function maybeReport() {
  if (reported || next < total || outstanding > 0) return;
  reported = true;
  const counts = [0, 0, 0, 0, 0];
  for (let j = 0; j < measuredCount; j++) counts[outcome[j]]++;
  const completed = counts[OK] + counts[UNEXPECTED];
  // The measured phase lasts measuredCount intervals (= --duration, up to rounding); the achieved rate is the
  // completed requests (answers of any status, not timeouts or socket errors) divided by that duration.
  const seconds = measuredCount / rate;
  const all = stats(() => true);
  const fields = [
    ["offered", String(rate)], ["requests", measuredCount], ["completed", completed],
    ["seconds", seconds.toFixed(3)], ["rate", (completed / seconds).toFixed(1)],
    ["p50", all.p50], ["p90", all.p90], ["p99", all.p99], ["max", all.max], ["errors", all.errors],
    ["timeouts", counts[TIMEOUT]], ["socket_errors", counts[SOCKET]], ["unexpected", counts[UNEXPECTED]],
    ["late_ms", ms(percentile(late.slice().sort(), 99))],
  ];
  labels.forEach((label, id) => {
    const keep = (j) => lines[(warmupCount + j) % lines.length].labelId === id;
    let requests = 0;
    for (let j = 0; j < measuredCount; j++) if (keep(j)) requests++;
    const s = stats(keep);
    fields.push([`${label}_requests`, requests], [`${label}_p50`, s.p50], [`${label}_p90`, s.p90],
      [`${label}_p99`, s.p99], [`${label}_max`, s.max], [`${label}_errors`, s.errors]);
  });
  process.stdout.write("{" + fields.map(([key, value]) => `"${key}":${value}`).join(",") + "}\n");

  if (opts.verbose) for (const sample of unexpectedSamples) process.stderr.write(`load.mjs: unexpected: ${sample}\n`);
  if (unexpectedByStatus.size > 0) {
    const summary = [...unexpectedByStatus].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${s}: ${c}`).join(", ");
    process.stderr.write(`load.mjs: unexpected statuses (measured requests): ${summary}\n`);
  }
  for (const base of bases) base.agent.destroy(); // close kept-alive sockets so that the process can exit
}

start = performance.now() + 10; // a moment's lead so that request 0 is not late by the set-up itself
setTimeout(pump, 10);
