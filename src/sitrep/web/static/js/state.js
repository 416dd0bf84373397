// The dashboard's filters live in the page URL's query, so a view can be shared as a link.

const FILTER_KEYS = [
  "event_type",
  "country",
  "actor",
  "outlet",
  "mode",
  "date_from",
  "date_to",
];
export const DEFAULT_MODE = "asserted";
const VIEWS = ["events", "incidents", "search"];

/** The dashboard state in the current URL: filters, the open list tab and the search query. */
export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of FILTER_KEYS) filters[key] = params.get(key) ?? "";
  if (!filters.mode) filters.mode = DEFAULT_MODE;
  const view = VIEWS.includes(params.get("view")) ? params.get("view") : "events";
  return { filters, view, q: params.get("q") ?? "" };
}

/** The query string for a state; defaults are left out so links stay short. */
function stateQuery(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value && !(key === "mode" && value === DEFAULT_MODE)) params.set(key, value);
  }
  if (state.view !== "events") params.set("view", state.view);
  if (state.q) params.set("q", state.q);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const STATE_EVENT = "sitrep:state";

/** Put the state in the address bar without adding a history entry per keystroke;
 * STATE_EVENT tells the header which view is now shown. */
export function writeState(state) {
  const url = `${window.location.pathname}${stateQuery(state)}`;
  if (url !== `${window.location.pathname}${window.location.search}`) {
    window.history.replaceState(null, "", url);
    window.dispatchEvent(new Event(STATE_EVENT));
  }
}

/** API parameters for the filters; ``without`` names filters to leave out. */
export function apiFilters(filters, without = []) {
  const params = {};
  for (const key of FILTER_KEYS) {
    if (!without.includes(key) && filters[key]) params[key] = filters[key];
  }
  return params;
}
