// The incident view: one happening, its fields reconciled over every report, then each
// report side by side (a column per story) so outlets can be compared: who said what,
// on whose word, and in which words.

import { getJSON } from "./api.js";
import { typeSwatch } from "./colors.js";
import { formatDate, h, message, viewPath } from "./dom.js";
import { codePointIndexer, evidenceRange } from "./offsets.js";
import { actorText, countText, dateText, placeText } from "./values.js";

let outletsRequest = null; // /api/outlets, fetched once per page load

async function outletDirectory() {
  outletsRequest ??= getJSON("/api/outlets").catch(() => ({ items: [] }));
  const { items } = await outletsRequest;
  return new Map((items ?? []).map((outlet) => [outlet.name, outlet]));
}

function typeText(record) {
  return [record.event_type, record.sub_event_type].filter(Boolean).join(" — ") || "not stated";
}

function actorsText(record) {
  return `${actorText(record.actor1)} / ${actorText(record.actor2)}`;
}

// Reconciled fields: [provenance key, label, value in words].
const RECONCILED = [
  ["event_type", "Event type", typeText],
  ["date", "Date", (incident) => dateText(incident.date)],
  ["place", "Place", (incident) => placeText(incident.place)],
  ["actor1", "Actor 1", (incident) => actorText(incident.actor1)],
  ["actor2", "Actor 2", (incident) => actorText(incident.actor2)],
  ["fatalities", "Fatalities", (incident) => countText(incident.fatalities)],
  ["injuries", "Injuries", (incident) => countText(incident.injuries)],
];

// A report's own coding, next to the reconciled value: [label, value in words].
const CODED = [
  ["Type", typeText],
  ["Date", (record) => dateText(record.date)],
  ["Place", (record) => placeText(record.place)],
  ["Actors", actorsText],
  ["Fatalities", (record) => countText(record.fatalities)],
];

function storyLink(source, text) {
  return h("a", { href: viewPath("article", source.article_id, { event: source.event_id }) }, text);
}

function reconciledFields(incident) {
  const byRef = new Map(incident.sources.map((source) => [`${source.article_id}#${source.event_id}`, source]));
  const rows = RECONCILED.map(([name, label, text]) => {
    const from = byRef.get(incident.provenance?.[name]);
    const provenance = from
      ? h("span", { class: "provenance" }, " — from ", storyLink(from, from.outlet ?? from.article_id))
      : null;
    return [h("dt", {}, label), h("dd", {}, text(incident), provenance)];
  });
  return h("dl", { class: "reconciled" }, rows);
}

function cueTitle(cue) {
  const technique = cue.technique ? `: ${cue.technique}` : "";
  return `${cue.kind}${technique}${cue.quoted ? " (in a quotation)" : ""}`;
}

/** Split a story's framing cues: those inside its reporting sentence (with their range
 * in it) and the rest (elsewhere in the text, or in the title). */
function placeCues(source) {
  const wording = source.wording;
  const indexer = wording ? codePointIndexer(wording.text) : null;
  const inside = [];
  const outside = [];
  for (const cue of source.framing ?? []) {
    const evidence = cue.evidence;
    const within =
      wording && cue.where !== "title" && evidence.start >= wording.start && evidence.end <= wording.end;
    const range = within ? evidenceRange(wording.text, indexer, evidence, wording.start) : null;
    if (range) inside.push({ cue, range });
    else outside.push(cue);
  }
  inside.sort((a, b) => a.range[0] - b.range[0]);
  return { inside, outside };
}

/** The reporting sentence with the framing cues that fall inside it marked. */
function wordingWithCues(source) {
  const wording = source.wording;
  const { inside, outside } = placeCues(source);
  let quote = message("This story's reporting sentence was not found.");
  if (wording) {
    const parts = [];
    let at = 0;
    for (const { cue, range } of inside) {
      if (range[0] < at) continue; // overlapping cues: the first one shown wins
      const words = wording.text.slice(range[0], range[1]);
      parts.push(wording.text.slice(at, range[0]));
      parts.push(h("mark", { class: `cue polarity-${cue.polarity ?? "none"}`, title: cueTitle(cue) }, words));
      at = range[1];
    }
    parts.push(wording.text.slice(at));
    quote = h("blockquote", { class: "wording" }, parts);
  }
  if (!outside.length) return [quote];
  const where = (cue) => `${cue.where === "title" ? ", in the title" : ""}${cue.quoted ? ", quoted" : ""}`;
  const items = outside.map((cue) => h("li", {}, h("q", {}, cue.text), ` ${cue.kind}${where(cue)}`));
  return [quote, h("div", { class: "other-cues" }, h("p", {}, "Framing elsewhere in this story:"), h("ul", {}, items))];
}

function attributionList(source) {
  const items = (source.attributions ?? []).map((attribution) => {
    const kind = attribution.source_kind ? ` (${attribution.source_kind})` : "";
    return h(
      "li",
      {},
      h("q", {}, attribution.evidence?.text ?? attribution.cue),
      ` — ${attribution.speaker ?? "no named speaker"} (${attribution.speaker_kind ?? "unattributed"})`,
      attribution.source ? `, source: ${attribution.source}${kind}` : "",
    );
  });
  if (!items.length) return h("p", { class: "muted" }, "No attribution: the outlet's own word.");
  return h("ul", { class: "attributions" }, items);
}

function codedFields(source, incident) {
  const rows = CODED.map(([label, text]) => {
    const value = text(source);
    const differs = value !== text(incident);
    return [
      h("dt", {}, label),
      differs ? h("dd", { class: "differs", title: "differs from the reconciled value" }, value) : h("dd", {}, value),
    ];
  });
  return h("dl", { class: "coded" }, rows);
}

function matchNote(source) {
  if (source.similarity === null || source.similarity === undefined) return "First report of this incident.";
  return `Matched the incident with similarity ${source.similarity.toFixed(2)}.`;
}

function sourceColumn(source, incident, outlets) {
  const outlet = outlets.get(source.outlet) ?? {};
  const badges = [
    outlet.kind ? h("span", { class: "badge" }, outlet.kind) : null,
    outlet.state_affiliated ? h("span", { class: "badge badge-state" }, "state-affiliated") : null,
  ];
  const published = h("time", { datetime: source.published ?? "" }, formatDate(source.published));
  return h(
    "article",
    { class: "source-column", dataset: { outlet: source.outlet ?? "" } },
    h(
      "header",
      {},
      h("h3", { class: "outlet" }, source.outlet ?? "Unknown outlet"),
      h("p", { class: "badges" }, badges, published),
    ),
    h("p", { class: "source-title" }, storyLink(source, source.title || source.article_id)),
    h("h4", {}, "Wording"),
    wordingWithCues(source),
    h("h4", {}, "On whose word"),
    attributionList(source),
    h("h4", {}, "As this story codes it"),
    codedFields(source, incident),
    h("p", { class: "muted" }, matchNote(source)),
    source.dateline_place
      ? h("p", { class: "muted" }, "Its place is the dateline (where the story was filed): matched as a country only.")
      : null,
  );
}

function cueKey() {
  return h(
    "p",
    { class: "muted cue-key" },
    "Framing cues in each sentence: ",
    h("mark", { class: "cue polarity-negative" }, "negative"),
    " ",
    h("mark", { class: "cue polarity-positive" }, "positive"),
    " ",
    h("mark", { class: "cue polarity-neutral" }, "neutral or hedging"),
    ". Values that differ from the reconciled record are shaded.",
  );
}

function heading(incident) {
  return h(
    "h1",
    {},
    typeSwatch(incident.event_type),
    incident.event_type ?? "Incident",
    incident.place?.name ? ` in ${incident.place.name}` : "",
    incident.date?.start ? `, ${formatDate(incident.date.start)}` : "",
  );
}

/** Render the incident ``incidentId`` into ``root``. */
export async function showIncident(root, incidentId) {
  document.title = "sitrep — incident";
  const crumbs = h(
    "nav",
    { class: "crumbs" },
    h("a", { href: "/" }, "← Map"),
    " · ",
    h("a", { href: "/?view=incidents" }, "Incidents"),
  );
  root.replaceChildren(message("Loading the incident…"));
  let incident;
  let outlets;
  try {
    [incident, outlets] = await Promise.all([
      getJSON(`/api/incidents/${encodeURIComponent(incidentId)}`),
      outletDirectory(),
    ]);
  } catch (error) {
    root.replaceChildren(crumbs, message(error.message, "error"));
    return;
  }
  const sources = incident.sources ?? [];
  const outletCount = new Set(sources.map((source) => source.outlet)).size;
  document.title = `sitrep — ${incident.event_type ?? "incident"}`;
  root.replaceChildren(
    h(
      "div",
      { class: "incident-view" },
      crumbs,
      heading(incident),
      h(
        "p",
        { class: "muted" },
        `${incident.id}: ${sources.length} reports by ${outletCount} outlets. The record is reconciled over`,
        " the reports: the most precise date and place, the lowest fatality count.",
      ),
      h(
        "section",
        { "aria-labelledby": "reconciled-title" },
        h("h2", { id: "reconciled-title" }, "Reconciled record"),
        reconciledFields(incident),
      ),
      h(
        "section",
        { "aria-labelledby": "sources-title" },
        h("h2", { id: "sources-title" }, "The reports side by side"),
        cueKey(),
        // A scrolling region: focusable so the keyboard can scroll it on narrow screens.
        h(
          "div",
          { class: "source-columns", id: "source-columns", tabindex: "0", role: "region", "aria-label": "Reports" },
          sources.map((source) => sourceColumn(source, incident, outlets)),
        ),
      ),
    ),
  );
}
