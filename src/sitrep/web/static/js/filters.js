// The filter form: event type, country, outlet and mode from /api/facets, actor as free
// text, and the date range the timeline brush also sets.

import { h } from "./dom.js";
import { DEFAULT_MODE } from "./state.js";
import { countryName } from "./values.js";

const ACTOR_DELAY_MS = 350;

/**
 * Facet values as [{value, label, count}], whatever the shape the API gives: a list of
 * strings, a list of objects ({value|name|code, label|name, count|events|articles}), or an
 * object from value to count.
 */
function facetValues(facet) {
  if (!facet) return [];
  if (!Array.isArray(facet)) {
    return Object.entries(facet).map(([value, count]) => ({ value, label: value, count }));
  }
  return facet.map((item) => {
    if (typeof item !== "object" || item === null) return { value: String(item), label: String(item), count: null };
    const value = item.value ?? item.code ?? item.country_code ?? item.name ?? item.key;
    const name = item.label ?? (item.name !== value ? item.name : null) ?? item.country ?? null;
    return {
      value: String(value),
      label: name ? `${name} (${value})` : String(value),
      count: item.count ?? item.events ?? item.articles ?? null,
    };
  });
}

/** Country facet values labelled with the country's name: "Iraq (IQ)". */
function countries(facet) {
  const named = (item) => (item.label === item.value ? `${countryName(item.value)} (${item.value})` : item.label);
  return facetValues(facet)
    .map((item) => ({ ...item, label: named(item) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

function select(name, label, values, current, { anyLabel = "any" } = {}) {
  const options = values.map(({ value, label: text, count }) =>
    h("option", { value, selected: value === current }, count === null ? text : `${text} (${count})`),
  );
  // A value in the URL that the facets do not list still shows, so the filter is visible.
  if (current && !values.some(({ value }) => value === current)) {
    options.push(h("option", { value: current, selected: true }, current));
  }
  const id = `filter-${name}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("select", { id, name }, anyLabel ? h("option", { value: "" }, anyLabel) : null, options),
  );
}

/** The form; ``onChange(partial filters)`` fires as the reader changes a field. */
export function filterForm(facets, filters, onChange) {
  const modes = facetValues(facets.modes);
  if (!modes.some(({ value }) => value === "any")) modes.push({ value: "any", label: "any", count: null });
  if (!modes.some(({ value }) => value === DEFAULT_MODE)) {
    modes.unshift({ value: DEFAULT_MODE, label: DEFAULT_MODE, count: null });
  }
  const actor = h("input", {
    id: "filter-actor",
    name: "actor",
    type: "search",
    value: filters.actor,
    placeholder: "name contains…",
    autocomplete: "off",
  });
  const form = h(
    "form",
    { class: "filters", "aria-labelledby": "filters-title" },
    h("h2", { id: "filters-title" }, "Filters"),
    select("event_type", "Event type", facetValues(facets.event_types), filters.event_type),
    select("country", "Country", countries(facets.countries), filters.country),
    h("div", { class: "field" }, h("label", { for: "filter-actor" }, "Actor"), actor),
    select("outlet", "Outlet", facetValues(facets.outlets), filters.outlet),
    select("mode", "Mode", modes, filters.mode, { anyLabel: null }),
    h(
      "fieldset",
      { class: "field dates" },
      h("legend", {}, "Dates"),
      h("label", { for: "filter-date_from" }, "from"),
      h("input", { id: "filter-date_from", name: "date_from", type: "date", value: filters.date_from }),
      h("label", { for: "filter-date_to" }, "to"),
      h("input", { id: "filter-date_to", name: "date_to", type: "date", value: filters.date_to }),
    ),
    h("button", { type: "reset", class: "secondary" }, "Reset filters"),
  );
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    if (event.target.name && event.target !== actor) onChange({ [event.target.name]: event.target.value });
  });
  let typing = null;
  actor.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => onChange({ actor: actor.value.trim() }), ACTOR_DELAY_MS);
  });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    onChange({ event_type: "", country: "", actor: "", outlet: "", mode: DEFAULT_MODE, date_from: "", date_to: "" });
  });
  return form;
}

/** Put new filter values into an existing form (after a brush or a reset). */
export function syncForm(form, filters) {
  for (const [name, value] of Object.entries(filters)) {
    const field = form.elements.namedItem(name);
    if (field && field.value !== value) field.value = value;
  }
}
