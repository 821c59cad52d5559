// Expands iCalendar feeds with ical.js (the parser of Thunderbird) and prints, per file, every
// occurrence in the year given: its UID, its start (UTC instant, or the date for all-day events)
// and whether it is cancelled. Usage: node occurrences.mjs YEAR FILE...
import { readFileSync } from "node:fs";
import ICAL from "../tools/node_modules/ical.js/dist/ical.js";

const [year, ...files] = process.argv.slice(2);
const from = ICAL.Time.fromData({ year: Number(year), month: 1, day: 1, isDate: true });
const until = ICAL.Time.fromData({ year: Number(year) + 1, month: 1, day: 1, isDate: true });

function start(time) {
  if (time.isDate) return time.toString(); // YYYY-MM-DD
  return time.toJSDate().toISOString().replace(".000Z", "Z");
}

function statusOf(component) {
  return (component.getFirstPropertyValue("status") ?? "").toUpperCase() === "CANCELLED";
}

const result = {};
for (const file of files) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const vevents = calendar.getAllSubcomponents("vevent");
  const out = [];
  for (const master of vevents.filter((v) => !v.hasProperty("recurrence-id"))) {
    // Without an explicit list, ICAL.Event relates every RECURRENCE-ID of the whole calendar,
    // whatever its UID; calendar apps group by UID first, and so do we.
    const uid = master.getFirstPropertyValue("uid");
    const exceptions = vevents.filter((v) => v.hasProperty("recurrence-id") && v.getFirstPropertyValue("uid") === uid);
    const event = new ICAL.Event(master, { strictExceptions: true, exceptions });
    if (!event.isRecurring()) {
      if (event.startDate.compare(until) < 0 && event.startDate.compare(from) >= 0) {
        out.push({ uid: event.uid, start: start(event.startDate), cancelled: statusOf(master) });
      }
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(until) < 0; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      if (details.startDate.compare(from) < 0 || details.startDate.compare(until) >= 0) continue;
      out.push({ uid: event.uid, start: start(details.startDate), cancelled: statusOf(details.item.component) });
    }
  }
  result[file] = out;
}
process.stdout.write(JSON.stringify(result));
