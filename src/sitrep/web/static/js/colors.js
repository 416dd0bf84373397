// One colour per ACLED event type (Okabe–Ito, distinguishable with colour-blindness) and
// the words that describe how precise a place is.

import { h } from "./dom.js";

export const TYPE_COLORS = {
  Battles: "#d55e00",
  "Explosions/Remote violence": "#0072b2",
  "Violence against civilians": "#cc79a7",
  Protests: "#009e73",
  Riots: "#e69f00",
  "Strategic developments": "#56b4e9",
};
const UNKNOWN_COLOR = "#6b6b6b";

export function typeColor(eventType) {
  return TYPE_COLORS[eventType] ?? UNKNOWN_COLOR;
}

/** A small square in the colour of an event type. */
export function typeSwatch(eventType) {
  const swatch = h("span", { class: "swatch", "aria-hidden": "true" });
  swatch.style.backgroundColor = typeColor(eventType);
  return swatch;
}

// The drawing radius for a precision when the API gives none: the same order-of-magnitude
// hints as the GeoJSON export (sitrep.model.RADIUS_HINT_KM).
export const RADIUS_HINT_KM = { near: 10, admin2: 30, admin1: 150, country: 500 };

// Precisions drawn as an area, never as a pin.
export const AREA_PRECISIONS = new Set(["admin2", "admin1", "country"]);

/** The precision of a place in words, for popups and lists. */
export function precisionWords(precision, radiusKm) {
  const around = radiusKm ? ` (drawn as a circle of about ${radiusKm} km)` : "";
  switch (precision) {
    case "exact":
      return "exact: the place itself";
    case "near":
      return `near this place, not at it${radiusKm ? ` (within about ${radiusKm} km)` : ""}`;
    case "admin2":
      return `somewhere in this district; the town is not known${around}`;
    case "admin1":
      return `somewhere in this province; the town is not known${around}`;
    case "country":
      return `somewhere in this country; the region is not known${around}`;
    case "unknown":
      return "a place named in the story that the gazetteer lacks: not on the map";
    default:
      return "precision not stated";
  }
}
