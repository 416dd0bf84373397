// Every evidence span of an extraction, grouped by the record field it supports, and the
// story text cut into segments so that each highlighted run of words knows its spans.

import { codePointIndexer, evidenceRange } from "./offsets.js";

// Kinds of evidence, in legend order, with the words the legend uses.
export const KINDS = {
  trigger: "event words",
  date: "date",
  place: "place",
  actor: "actor",
  target: "target",
  fatalities: "fatalities / injuries",
  weapon: "weapon",
  attribution: "attribution",
  framing: "framing cue",
};

const EVENT_FIELDS = [
  ["date", "date", "date"],
  ["place", "place", "place"],
  ["actor1", "actor", "actor 1"],
  ["actor2", "actor", "actor 2"],
  ["fatalities", "fatalities", "fatalities"],
  ["injuries", "fatalities", "injuries"],
];
const EVENT_LISTS = [
  ["assoc_actors", "actor", "associated actor"],
  ["targets", "target", "target"],
  ["named_targets", "target", "person targeted"],
  ["weapons", "weapon", "weapon"],
];

/**
 * The fields of an extraction that words support: [{key, kind, label, owner, where,
 * evidence: [Evidence]}]. ``owner`` is the event, attribution or cue id; ``where`` says
 * whether the offsets index the text or the title.
 */
export function fieldsOf(extraction) {
  const fields = [];
  const add = (key, kind, label, owner, evidence, where = "text") => {
    const list = (Array.isArray(evidence) ? evidence : [evidence]).filter(Boolean);
    fields.push({ key, kind, label, owner, where, evidence: list });
  };
  for (const event of extraction.events ?? []) {
    add(`${event.id}.trigger`, "trigger", "trigger", event.id, event.trigger);
    for (const [name, evidence] of Object.entries(event.evidence ?? {})) {
      add(`${event.id}.${name}`, "trigger", name.replaceAll("_", " "), event.id, evidence);
    }
    for (const [name, kind, label] of EVENT_FIELDS) {
      if (event[name]) add(`${event.id}.${name}`, kind, label, event.id, event[name].evidence);
    }
    for (const [name, kind, label] of EVENT_LISTS) {
      (event[name] ?? []).forEach((item, index) => {
        add(`${event.id}.${name}.${index}`, kind, label, event.id, item.evidence);
      });
    }
  }
  for (const attribution of extraction.attributions ?? []) {
    add(attribution.id, "attribution", "attribution", attribution.id, attribution.evidence);
  }
  for (const cue of extraction.framing ?? []) {
    add(cue.id, "framing", "framing cue", cue.id, cue.evidence, cue.where === "title" ? "title" : "text");
  }
  if (extraction.outlet?.evidence) {
    add("outlet", "attribution", `outlet (${extraction.outlet.found_by})`, "outlet", extraction.outlet.evidence);
  }
  return fields;
}

/**
 * Spans in one string (the text or the title): [{start, end, kind, fields: [key]}] in
 * UTF-16 units, merged when several fields cite the same words; plus the evidence whose
 * offsets did not match the string (listed, never highlighted).
 */
export function spansIn(text, fields, where) {
  const indexer = codePointIndexer(text);
  const byRange = new Map();
  const mismatched = [];
  for (const field of fields) {
    if (field.where !== where) continue;
    for (const evidence of field.evidence) {
      const range = evidenceRange(text, indexer, evidence);
      if (!range) {
        mismatched.push({ field, evidence });
        continue;
      }
      const id = `${range[0]}:${range[1]}:${field.kind}`;
      const span = byRange.get(id) ?? { start: range[0], end: range[1], kind: field.kind, fields: [] };
      if (!span.fields.includes(field.key)) span.fields.push(field.key);
      byRange.set(id, span);
    }
  }
  return { spans: [...byRange.values()], mismatched };
}

/**
 * Cut ``text`` at every span edge: [{start, end, spans: [index]}]; a segment outside all
 * spans has none. Overlapping spans share the segments they overlap in.
 */
export function segments(text, spans) {
  const edges = new Set([0, text.length]);
  for (const span of spans) edges.add(span.start).add(span.end);
  const sorted = [...edges].sort((a, b) => a - b);
  const cut = [];
  for (let i = 0; i + 1 < sorted.length; i += 1) {
    const [start, end] = [sorted[i], sorted[i + 1]];
    const covering = [];
    spans.forEach((span, index) => {
      if (span.start <= start && span.end >= end) covering.push(index);
    });
    cut.push({ start, end, spans: covering });
  }
  return cut;
}
