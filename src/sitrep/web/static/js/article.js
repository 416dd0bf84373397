// The article view: the story with every evidence span highlighted by kind, and the
// record beside it. Clicking a field lights up its words; clicking words says which
// fields they support.

import { getJSON } from "./api.js";
import { formatDate, h, message, safeHref } from "./dom.js";
import { KINDS, fieldsOf, segments, spansIn } from "./evidence.js";
import { recordSections } from "./record.js";

const ACTIVE = "is-active";
const LINKED = "is-linked";

/** Write ``text`` into ``container`` with its spans as <mark>s; returns key → marks. */
function markUp(container, text, spans, where, marksByField) {
  for (const segment of segments(text, spans)) {
    const words = text.slice(segment.start, segment.end);
    if (!segment.spans.length) {
      container.append(words);
      continue;
    }
    // The shortest covering span is the most specific: it gives the colour.
    const covering = segment.spans.map((index) => spans[index]);
    const primary = covering.reduce((best, span) => (span.end - span.start < best.end - best.start ? span : best));
    const kinds = [...new Set(covering.map((span) => span.kind))];
    const keys = [...new Set(covering.flatMap((span) => span.fields))];
    const mark = h(
      "mark",
      {
        class: `ev kind-${primary.kind}${kinds.length > 1 ? " multi" : ""}`,
        tabindex: "0",
        dataset: { fields: keys.join(" "), kinds: kinds.join(" "), where },
      },
      words,
    );
    for (const key of keys) {
      if (!marksByField.has(key)) marksByField.set(key, []);
      marksByField.get(key).push(mark);
    }
    container.append(mark);
  }
}

function kindLegend() {
  return h(
    "ul",
    { class: "kind-legend", "aria-label": "Highlight colours" },
    Object.entries(KINDS).map(([kind, label]) => h("li", {}, h("span", { class: `chip kind-${kind}` }, label))),
  );
}

function articleMeta(article, extraction) {
  const outlet = extraction.outlet;
  // Only a web page is a link; anything else (a javascript: URL, a file path) stays text.
  const url = safeHref(article.url);
  let original = null;
  if (url?.startsWith("http")) original = h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original");
  else if (article.url) original = h("span", { class: "muted" }, `source: ${article.url}`);
  return h(
    "p",
    { class: "article-meta" },
    outlet?.name ?? article.outlet ?? "Unknown outlet",
    outlet?.kind ? h("span", { class: "badge" }, outlet.kind) : null,
    outlet?.state_affiliated ? h("span", { class: "badge badge-state" }, "state-affiliated") : null,
    " · ",
    h("time", { datetime: article.published ?? "" }, formatDate(article.published)),
    article.language ? ` · ${article.language}` : "",
    article.url ? " · " : "",
    original,
  );
}

/** Render the article ``articleId`` into ``root``; ``focusEvent`` scrolls to one event. */
export async function showArticle(root, articleId, { focusEvent = null } = {}) {
  document.title = "sitrep — story";
  root.replaceChildren(message("Loading the story…"));
  let body;
  try {
    body = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
  } catch (error) {
    const crumbs = h("nav", { class: "crumbs" }, h("a", { href: "/" }, "← Map"));
    root.replaceChildren(crumbs, message(error.message, "error"));
    return;
  }
  const article = body.article ?? body.extraction.article;
  const extraction = body.extraction;
  const fields = fieldsOf(extraction);
  const fieldByKey = new Map(fields.map((field) => [field.key, field]));
  const marksByField = new Map();

  const title = h("h1", { id: "article-title" });
  const inTitle = spansIn(article.title ?? "", fields, "title");
  markUp(title, article.title || article.id, inTitle.spans, "title", marksByField);
  const text = h("div", { id: "story-text", class: "story-text" });
  const inText = spansIn(article.text, fields, "text");
  markUp(text, article.text, inText.spans, "text", marksByField);

  const info = h(
    "div",
    { id: "span-info", class: "span-info", role: "status", "aria-live": "polite" },
    "Click a field to see its words, or highlighted words to see what they support.",
  );
  const record = h(
    "aside",
    { class: "record", "aria-label": "The record" },
    info,
    recordSections(extraction, fields, fieldByKey, [...inTitle.mismatched, ...inText.mismatched]),
  );

  const clear = () => {
    for (const el of root.querySelectorAll(`.${ACTIVE}, .${LINKED}`)) el.classList.remove(ACTIVE, LINKED);
    for (const button of record.querySelectorAll('button.field[aria-pressed="true"]')) {
      button.setAttribute("aria-pressed", "false");
    }
  };
  const buttonsFor = (key) => record.querySelectorAll(`button.field[data-field="${CSS.escape(key)}"]`);

  function showField(key) {
    clear();
    const field = fieldByKey.get(key);
    const marks = marksByField.get(key) ?? [];
    for (const mark of marks) mark.classList.add(ACTIVE);
    for (const button of buttonsFor(key)) {
      button.classList.add(ACTIVE);
      button.setAttribute("aria-pressed", "true");
    }
    const quoted = field.evidence.map((evidence) => `“${evidence.text}”`).join(", ");
    const support = marks.length ? quoted : "no words in the story support it (inferred or a default).";
    info.replaceChildren(`${field.owner} · ${field.label}: ${support}`);
    marks[0]?.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function showMark(mark) {
    clear();
    const keys = mark.dataset.fields.split(" ");
    for (const key of keys) {
      for (const other of marksByField.get(key) ?? []) other.classList.add(ACTIVE);
      for (const button of buttonsFor(key)) button.classList.add(LINKED);
    }
    const links = keys.map((key) => {
      const field = fieldByKey.get(key);
      const label = `${field.owner} · ${field.label}`;
      return h("li", {}, h("button", { type: "button", class: `field kind-${field.kind}`, dataset: { field: key } }, label));
    });
    info.replaceChildren(h("p", {}, h("q", {}, mark.textContent), " supports:"), h("ul", { class: "plain" }, links));
    buttonsFor(keys[0])[0]?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  record.addEventListener("click", (event) => {
    const button = event.target.closest("button.field");
    if (button) showField(button.dataset.field);
  });
  for (const container of [title, text]) {
    container.addEventListener("click", (event) => {
      const mark = event.target.closest("mark.ev");
      if (mark) showMark(mark);
    });
    container.addEventListener("keydown", (event) => {
      const mark = event.target.closest("mark.ev");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        showMark(mark);
      }
    });
  }

  document.title = `sitrep — ${article.title ?? article.id}`;
  root.replaceChildren(
    h(
      "div",
      { class: "article-view" },
      h("nav", { class: "crumbs" }, h("a", { href: "/" }, "← Map")),
      h("header", { class: "article-head" }, title, articleMeta(article, extraction), kindLegend()),
      h("div", { class: "article-grid" }, h("section", { class: "story", "aria-label": "Story text" }, text), record),
    ),
  );
  const card = focusEvent ? document.getElementById(`event-${focusEvent}`) : null;
  if (card) {
    card.classList.add("is-focused");
    card.scrollIntoView({ block: "nearest" });
  }
}
