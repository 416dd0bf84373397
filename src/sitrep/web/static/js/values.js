// Record values (see `sitrep schema`) in words, shared by the incident and article views.

import { RADIUS_HINT_KM, precisionWords } from "./colors.js";
import { formatDate } from "./dom.js";

const REGIONS = new Intl.DisplayNames(["en"], { type: "region" });

/** "IQ" as "Iraq" (the browser knows the names; no request); an unknown code as itself. */
export function countryName(code) {
  if (!code) return null;
  try {
    return REGIONS.of(code.toUpperCase()) ?? code;
  } catch {
    return code; // not a well-formed region code
  }
}

export function dateText(date) {
  if (!date || (!date.start && !date.end)) return "not stated";
  const spans = date.end && date.end !== date.start;
  const range = spans ? `${formatDate(date.start)} – ${formatDate(date.end)}` : formatDate(date.start);
  const precision = date.precision ? ` (to the ${date.precision})` : "";
  return `${range}${precision}${date.default ? ", default: no date in the text" : ""}`;
}

function placeName(place) {
  if (!place) return "not stated";
  const parts = [place.name, place.admin2, place.admin1, place.country ?? place.country_code];
  return parts.filter((part, index) => part && parts.indexOf(part) === index).join(", ") || "not stated";
}

export function placeText(place) {
  if (!place) return "not stated";
  const relation = place.anchor && place.anchor !== place.name ? `, relative to ${place.anchor}` : "";
  return `${placeName(place)}${relation}: ${precisionWords(place.precision, RADIUS_HINT_KM[place.precision])}`;
}

export function actorText(actor) {
  if (!actor) return "not stated";
  return actor.kind ? `${actor.name} (${actor.kind})` : actor.name;
}

export function countText(count) {
  if (!count || count.best === null || count.best === undefined) return "not stated";
  const spread = count.low !== null && count.high !== null && (count.low !== count.best || count.high !== count.best)
    ? ` (${count.low ?? "?"}–${count.high ?? "?"})`
    : "";
  return `${count.best}${spread}`;
}
