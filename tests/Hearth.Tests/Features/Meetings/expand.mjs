// Expands an iCalendar feed with ical.js, as a calendar app would, for IcalJsAgreementTests.
// Usage: node expand.mjs FEED.ics FROM TO   (FROM and TO are UTC instants, e.g. 2026-11-21T15:00:00Z)
// Prints the UTC start of every occurrence starting in [FROM, TO), one per line, sorted: the rule's
// occurrences less EXDATEs, with each RECURRENCE-ID override at its own start. Exits non-zero on anything
// it cannot read, including a TZID the feed does not define.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [file, fromText, toText] = process.argv.slice(2);
if (!file || !fromText || !toText) {
  console.error("usage: node expand.mjs FEED.ics FROM TO");
  process.exit(2);
}

const from = Date.parse(fromText);
const to = Date.parse(toText);
if (Number.isNaN(from) || Number.isNaN(to)) {
  console.error(`not instants: ${fromText} ${toText}`);
  process.exit(2);
}

const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));

// The feed's own time zones, registered before any DTSTART is read so TZIDs resolve to them.
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}

const zoneOf = (component, name) => {
  for (const property of component.getAllProperties(name)) {
    const tzid = property.getParameter("tzid");
    if (tzid && !ICAL.TimezoneService.has(tzid)) {
      throw new Error(`${name} names TZID ${tzid}, which the feed does not define`);
    }
  }
};

// Masters and their overrides (RECURRENCE-ID), grouped by UID.
const masters = new Map();
const overrides = new Map();
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  for (const name of ["dtstart", "dtend", "exdate", "recurrence-id"]) {
    zoneOf(vevent, name);
  }

  const uid = vevent.getFirstPropertyValue("uid");
  if (vevent.hasProperty("recurrence-id")) {
    overrides.set(uid, [...(overrides.get(uid) ?? []), vevent]);
  } else {
    if (masters.has(uid)) {
      throw new Error(`two events with UID ${uid} and no RECURRENCE-ID`);
    }
    masters.set(uid, vevent);
  }
}

// Overrides may move an occurrence some way from where the rule put it: expand the rule a year past the window.
const horizon = to + 366 * 24 * 3600 * 1000;
const starts = [];
for (const [uid, vevent] of masters) {
  const event = new ICAL.Event(vevent, { exceptions: overrides.get(uid) ?? [], strictExceptions: true });
  if (event.startDate.zone === ICAL.Timezone.localTimezone) {
    throw new Error(`${uid} starts at a floating time, which each reader would place differently`);
  }

  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.toJSDate().getTime() >= horizon) {
      break;
    }

    const start = event.getOccurrenceDetails(next).startDate.toJSDate().getTime();
    if (start >= from && start < to) {
      starts.push(start);
    }
  }
}

starts.sort((a, b) => a - b);
for (const start of starts) {
  console.log(new Date(start).toISOString().replace(".000Z", "Z"));
}
