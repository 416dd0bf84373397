// The record beside a story: its events field by field, its attributions and its framing.
// Every field is a button (data-field = its key in evidence.js) that the article view
// wires to the words in the text.

import { typeSwatch } from "./colors.js";
import { h } from "./dom.js";
import { actorText, countText, dateText, placeText } from "./values.js";

/** An event field's value in words; ``key`` is "E1.date", "E1.weapons.0", ... */
function eventValue(event, key) {
  const [, name, index] = key.split(".");
  switch (name) {
    case "trigger":
      return event.trigger?.text ?? "—";
    case "date":
      return dateText(event.date);
    case "place":
      return placeText(event.place);
    case "actor1":
    case "actor2":
      return actorText(event[name]);
    case "fatalities":
    case "injuries":
      return countText(event[name]);
    case "assoc_actors":
      return actorText(event.assoc_actors[index]);
    case "targets":
      return `${event.targets[index].type}: ${event.targets[index].text}`;
    case "named_targets":
      return [event.named_targets[index].title, event.named_targets[index].name].filter(Boolean).join(" ");
    case "weapons":
      return [event.weapons[index].type, event.weapons[index].subtype].filter(Boolean).join(", ");
    case "event_type":
      return [event.event_type, event.sub_event_type].filter(Boolean).join(" — ");
    default:
      return String(event[name] ?? "—");
  }
}

function fieldButton(field, value) {
  const title = field.evidence.length ? "Show the words in the story" : "No words in the story: inferred or a default";
  return h(
    "button",
    { type: "button", class: `field kind-${field.kind}`, "aria-pressed": "false", dataset: { field: field.key }, title },
    value,
  );
}

function eventCard(event, fields) {
  const rows = fields
    .filter((field) => field.owner === event.id)
    .map((field) => [h("dt", {}, field.label), h("dd", {}, fieldButton(field, eventValue(event, field.key)))]);
  return h(
    "article",
    { class: "event-card", id: `event-${event.id}`, dataset: { event: event.id } },
    h(
      "h3",
      {},
      typeSwatch(event.event_type),
      `${event.id} · ${event.event_type ?? "type not known"}`,
      event.sub_event_type ? ` — ${event.sub_event_type}` : "",
      " ",
      event.main ? h("span", { class: "badge" }, "main event") : null,
      event.mode && event.mode !== "asserted" ? h("span", { class: "badge" }, event.mode) : null,
    ),
    h("dl", { class: "fields" }, rows),
  );
}

function section(title, content, empty) {
  const hasContent = Array.isArray(content) ? content.length > 0 : Boolean(content);
  return h("section", {}, h("h2", {}, title), hasContent ? content : h("p", { class: "muted" }, empty));
}

function attributionText(attribution) {
  const who = `${attribution.speaker ?? "no named speaker"} (${attribution.speaker_kind})`;
  const source = attribution.source ? `; source: ${attribution.source}` : "";
  const supports = attribution.supports?.length ? `; supports ${attribution.supports.join(", ")}` : "";
  return `${attribution.id} “${attribution.cue}” — ${who}${source}${supports}`;
}

function cueText(cue) {
  const notes = [cue.kind, cue.polarity, cue.where === "title" ? "title" : null, cue.quoted ? "quoted" : null];
  return `${cue.id} “${cue.text}” ${notes.filter(Boolean).join(", ")}`;
}

function framingFacts(summary) {
  if (!summary) return null;
  const pair = (term, value) => [h("dt", {}, term), h("dd", {}, value)];
  const techniques = Object.entries(summary.techniques ?? {});
  return h(
    "dl",
    { class: "summary" },
    pair("Cues in the outlet's words", `${summary.cues} (${summary.cue_density.toFixed(1)} per 1,000 words)`),
    pair("Cues in quotations", String(summary.quoted_cues)),
    pair("Claims on unnamed sources", `${summary.unnamed_claims} of ${summary.claims}`),
    summary.unsourced_events?.length ? pair("Events no one is cited for", summary.unsourced_events.join(", ")) : null,
    techniques.length ? pair("Techniques", techniques.map(([name, count]) => `${name} ${count}`).join(", ")) : null,
    (summary.actors ?? []).map((actor) =>
      pair(actor.refers_to, `${actor.labels.join(", ")}${actor.polarity ? ` (${actor.polarity})` : ""}`),
    ),
  );
}

/**
 * The record panel. ``fieldByKey`` maps field keys to fields (evidence.js);
 * ``mismatched`` lists evidence whose offsets did not match the text.
 */
export function recordSections(extraction, fields, fieldByKey, mismatched) {
  const button = (key, text) => h("li", {}, fieldButton(fieldByKey.get(key), text));
  const attributions = (extraction.attributions ?? []).map((item) => button(item.id, attributionText(item)));
  const cues = (extraction.framing ?? []).map((cue) => button(cue.id, cueText(cue)));
  const notes = (extraction.notes ?? []).map((note) => h("li", {}, `${note.code} (${note.stage}): ${note.message}`));
  return [
    section("Events", (extraction.events ?? []).map((event) => eventCard(event, fields)), "No events found."),
    section("Attributions", attributions.length ? h("ul", { class: "plain" }, attributions) : null, "No reported claims."),
    section(
      "Framing",
      [framingFacts(extraction.framing_summary), cues.length ? h("ul", { class: "plain" }, cues) : null].filter(Boolean),
      "No framing cues.",
    ),
    notes.length ? section("Notes", h("ul", {}, notes)) : null,
    mismatched.length
      ? h(
          "section",
          { class: "mismatched" },
          h("h2", {}, "Evidence not shown"),
          h("p", {}, "These offsets do not point at the quoted words, so they are not highlighted:"),
          h(
            "ul",
            {},
            mismatched.map(({ field, evidence }) =>
              h("li", {}, `${field.key}: “${evidence.text}” at ${evidence.start}–${evidence.end}`),
            ),
          ),
        )
      : null,
  ];
}
