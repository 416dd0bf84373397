// The lists beside the map: matching events, incidents, and full-text search results.

import { getJSON } from "./api.js";
import { RADIUS_HINT_KM, precisionWords, typeSwatch } from "./colors.js";
import { formatDate, h, message, viewPath } from "./dom.js";
import { apiFilters } from "./state.js";
import { countryName } from "./values.js";

const PAGE = 100;

function pageLoader(list, path, params, renderItem, describeEmpty) {
  // A "more" button fetches the next page with the API's cursor.
  const more = h("button", { type: "button", class: "secondary more" }, "Load more");
  let cursor = null;
  let shown = 0;
  async function load() {
    more.disabled = true;
    const page = await getJSON(path, { ...params, limit: PAGE, cursor });
    for (const item of page.items ?? []) list.append(renderItem(item));
    shown += page.items?.length ?? 0;
    cursor = page.next_cursor ?? null;
    more.disabled = false;
    more.hidden = !cursor;
    list.dataset.count = String(shown);
    if (!shown) list.replaceWith(message(describeEmpty));
  }
  more.addEventListener("click", () => load().catch((error) => more.replaceWith(message(error.message, "error"))));
  return { more, load };
}

/** "(near)", its meaning in words on hover. */
function precisionNote(precision, radiusKm) {
  return h("span", { class: "precision", title: precisionWords(precision, radiusKm) }, ` (${precision ?? "?"})`);
}

function eventItem(row) {
  const actors = [row.actor1, row.actor2].filter(Boolean).join(" vs ");
  const radius = row.radius_km ?? RADIUS_HINT_KM[row.precision];
  return h(
    "li",
    { class: "row", dataset: { date: row.date_start ?? "", type: row.event_type ?? "" } },
    h(
      "p",
      { class: "row-title" },
      typeSwatch(row.event_type),
      h("a", { href: viewPath("article", row.article_id, { event: row.event_id }) }, row.event_type ?? "Event"),
      row.sub_event_type ? ` — ${row.sub_event_type}` : "",
    ),
    h(
      "p",
      { class: "row-meta" },
      h("time", { datetime: row.date_start ?? "" }, formatDate(row.date_start)),
      " · ",
      row.location ?? countryName(row.country_code) ?? "no place",
      precisionNote(row.precision, radius),
      row.fatalities ? ` · ${row.fatalities} killed` : "",
    ),
    actors ? h("p", { class: "row-meta" }, actors) : null,
    h(
      "p",
      { class: "row-meta" },
      row.outlet ?? "unknown outlet",
      row.mode && row.mode !== "asserted" ? ` · ${row.mode}` : "",
      row.incident_id ? [" · ", h("a", { href: viewPath("incident", row.incident_id) }, "incident")] : null,
    ),
  );
}

function incidentItem(item) {
  const outlets = item.outlets ?? [];
  const place = item.place;
  return h(
    "li",
    { class: "row", dataset: { date: item.date?.start ?? "" } },
    h(
      "p",
      { class: "row-title" },
      typeSwatch(item.event_type),
      h("a", { href: viewPath("incident", item.id) }, item.event_type ?? "Incident"),
      item.sub_event_type ? ` — ${item.sub_event_type}` : "",
    ),
    h(
      "p",
      { class: "row-meta" },
      h("time", { datetime: item.date?.start ?? "" }, formatDate(item.date?.start)),
      " · ",
      place?.name ?? countryName(place?.country_code) ?? "no place",
      place?.precision ? precisionNote(place.precision, RADIUS_HINT_KM[place.precision]) : "",
      item.fatalities ? ` · ${item.fatalities} killed` : "",
    ),
    h("p", { class: "row-meta" }, `${item.sources} ${item.sources === 1 ? "report" : "reports"}: `, outlets.join(", ")),
  );
}

/** A snippet whose matched words are wrapped in ** becomes text with <mark>s. */
function snippet(text) {
  return (text ?? "").split("**").map((part, index) => (index % 2 ? h("mark", {}, part) : part));
}

function searchItem(hit) {
  return h(
    "li",
    { class: "row" },
    h("p", { class: "row-title" }, h("a", { href: viewPath("article", hit.article_id) }, hit.title || hit.article_id)),
    h("p", { class: "row-meta" }, hit.outlet ?? "unknown outlet", " · ", formatDate(hit.published)),
    h("p", { class: "snippet" }, snippet(hit.snippet)),
  );
}

/** The events matching the filters, a page at a time. */
export async function eventsList(container, filters) {
  const list = h("ol", { class: "rows", id: "event-list" });
  const empty = "No events match these filters.";
  const { more, load } = pageLoader(list, "/api/events", apiFilters(filters), eventItem, empty);
  container.replaceChildren(list, more);
  await load();
}

/** The incidents matching the filters (incidents are made of asserted events only). */
export async function incidentsList(container, filters) {
  const list = h("ol", { class: "rows", id: "incident-list" });
  const params = apiFilters(filters);
  const { more, load } = pageLoader(list, "/api/incidents", params, incidentItem, "No incidents match these filters.");
  container.replaceChildren(list, more);
  await load();
}

/** Stories matching a full-text query, best first. */
export async function searchResults(container, query) {
  if (!query) {
    container.replaceChildren(message("Type words to find in the stories, or \"a phrase\" in quotes."));
    return;
  }
  const found = await getJSON("/api/search", { q: query, limit: 50 });
  const items = found.items ?? [];
  container.replaceChildren(
    items.length
      ? h("ol", { class: "rows", id: "search-results", dataset: { count: items.length } }, items.map(searchItem))
      : message(`No story matches “${query}”.`),
  );
}
