// The main view: filters, the map, the timeline and the lists, kept in step with the URL.

import { getJSON, latestOnly } from "./api.js";
import { h, message } from "./dom.js";
import { filterForm, syncForm } from "./filters.js";
import { eventsList, incidentsList, searchResults } from "./lists.js";
import { createMap, legend } from "./map.js";
import { apiFilters, readState, writeState } from "./state.js";
import { chooseBucket, drawTimeline } from "./timeline.js";

// The map draws at most GEO_PAGES pages of GEO_PAGE events (the API's largest page).
const GEO_PAGE = 5000;
const GEO_PAGES = 4;

const TABS = [
  ["events", "Events"],
  ["incidents", "Incidents"],
  ["search", "Search"],
];

function describeCounts(counts) {
  const total = counts.points + counts.areas + counts.unplaced;
  const parts = [
    `${counts.points} at a town or near one`,
    `${counts.areas} known only to a district, province or country (circles and country shapes)`,
  ];
  if (counts.unplaced) parts.push(`${counts.unplaced} with no point (no place, or a name the gazetteer lacks)`);
  return `${total} events on the map: ${parts.join("; ")}.`;
}

/** Render the dashboard into ``root``; returns {teardown(), search(query)}. */
export async function showDashboard(root) {
  document.title = "sitrep — map";
  const state = readState();
  const status = h(
    "p",
    { id: "map-status", class: "map-status", role: "status", "aria-live": "polite", dataset: { state: "loading" } },
    "Loading events…",
  );
  const mapElement = h("div", { id: "map", class: "map", "aria-label": "Map of events" });
  const timelineChart = h("div", { class: "timeline-chart-box", id: "timeline", dataset: { state: "loading" } });
  const clearBrush = h("button", { type: "button", class: "secondary", id: "clear-brush" }, "Clear dates");
  const tabPanel = h("div", { class: "tab-panel", id: "list-panel", role: "tabpanel", dataset: { state: "loading" } });
  const tabButtons = TABS.map(([view, label]) =>
    h("button", { type: "button", role: "tab", id: `tab-${view}`, "aria-controls": "list-panel", dataset: { view } }, label),
  );
  const filtersBox = h("aside", { class: "sidebar" }, h("p", {}, "Loading filters…"));
  root.replaceChildren(
    h(
      "div",
      { class: "dashboard" },
      filtersBox,
      h("section", { class: "map-box", "aria-label": "Map" }, mapElement, status),
      h(
        "section",
        { class: "timeline", "aria-labelledby": "timeline-title" },
        h("div", { class: "timeline-head" }, h("h2", { id: "timeline-title" }, "Timeline"), clearBrush),
        timelineChart,
      ),
      h(
        "section",
        { class: "lists", "aria-label": "Lists" },
        h("div", { role: "tablist", class: "tabs" }, tabButtons),
        tabPanel,
      ),
    ),
  );

  const map = createMap(mapElement, { onError: (text) => status.after(message(text, "error")) });
  getJSON("/api/health")
    .then((health) => health.online_tiles && map.allowOnlineTiles())
    .catch(() => {}); // no health answer: the offline map is all there is
  let form = null;
  let timelineData = null;

  const loadMap = latestOnly(async (signal, filters) => {
    // The map layer comes in pages of up to GEO_PAGE features: follow the cursor, up to a cap.
    const collection = { type: "FeatureCollection", features: [], truncated: false };
    let cursor = null;
    for (let page = 0; page < GEO_PAGES; page += 1) {
      const params = { ...apiFilters(filters), limit: GEO_PAGE, cursor };
      const found = await getJSON("/api/events.geojson", params, { signal });
      collection.features.push(...(found.features ?? []));
      cursor = found.next_cursor ?? null;
      if (!cursor) return collection;
    }
    collection.truncated = true;
    return collection;
  });
  const loadTimeline = latestOnly(async (signal, filters) => {
    // The timeline shows every date (the brush picks among them), so it ignores the range.
    const params = apiFilters(filters, ["date_from", "date_to"]);
    const coarse = await getJSON("/api/timeline", { ...params, bucket: "month" }, { signal });
    const series = coarse.series ?? [];
    if (!series.length) return coarse;
    const bucket = chooseBucket(series[0].date, series[series.length - 1].date);
    return bucket === "month" ? coarse : getJSON("/api/timeline", { ...params, bucket }, { signal });
  });

  async function refreshMap() {
    status.dataset.state = "loading";
    try {
      const { result, stale } = await loadMap(state.filters);
      if (stale) return;
      const counts = await map.show(result);
      const cut = result.truncated ? ` Only the first ${GEO_PAGE * GEO_PAGES} are drawn: narrow the filters.` : "";
      status.replaceChildren(describeCounts(counts), cut);
      Object.assign(status.dataset, { state: "ready", ...counts });
    } catch (error) {
      status.replaceChildren(message(error.message, "error"));
      status.dataset.state = "error";
    }
  }

  function redrawTimeline() {
    if (!timelineData) return;
    drawTimeline(timelineChart, {
      series: timelineData.series ?? [],
      bucket: timelineData.bucket ?? "month",
      selection: state.filters,
      onBrush: (range) => update(range),
    });
    clearBrush.disabled = !(state.filters.date_from || state.filters.date_to);
  }

  async function refreshTimeline() {
    timelineChart.dataset.state = "loading";
    try {
      const { result, stale } = await loadTimeline(state.filters);
      if (stale) return;
      timelineData = result;
      redrawTimeline();
      timelineChart.dataset.state = "ready";
    } catch (error) {
      timelineChart.replaceChildren(message(error.message, "error"));
      timelineChart.dataset.state = "error";
    }
  }

  let listRun = 0;
  async function refreshList() {
    const run = ++listRun;
    for (const button of tabButtons) button.setAttribute("aria-selected", String(button.dataset.view === state.view));
    tabPanel.setAttribute("aria-labelledby", `tab-${state.view}`);
    tabPanel.dataset.state = "loading";
    const box = h("div", {});
    try {
      if (state.view === "events") await eventsList(box, state.filters);
      else if (state.view === "incidents") await incidentsList(box, state.filters);
      else await searchResults(box, state.q);
      if (run !== listRun) return;
      tabPanel.replaceChildren(...box.childNodes);
      tabPanel.dataset.state = "ready";
    } catch (error) {
      if (run !== listRun) return;
      tabPanel.replaceChildren(message(error.message, "error"));
      tabPanel.dataset.state = "error";
    }
  }

  function update(changes) {
    const datesOnly = Object.keys(changes).every((key) => key === "date_from" || key === "date_to");
    Object.assign(state.filters, changes);
    writeState(state);
    if (form) syncForm(form, state.filters);
    refreshMap();
    if (datesOnly) redrawTimeline();
    else refreshTimeline();
    if (state.view !== "search") refreshList();
  }

  for (const button of tabButtons) {
    button.addEventListener("click", () => {
      state.view = button.dataset.view;
      writeState(state);
      refreshList();
      if (state.view === "search") document.getElementById("search-input")?.focus();
    });
  }
  clearBrush.addEventListener("click", () => update({ date_from: "", date_to: "" }));

  // Redraw only when the width changes: the redraw itself must not trigger another one.
  let drawnWidth = 0;
  const resize = new ResizeObserver(([entry]) => {
    const width = Math.round(entry.contentRect.width);
    if (width !== drawnWidth) {
      drawnWidth = width;
      redrawTimeline();
    }
  });
  resize.observe(timelineChart);

  getJSON("/api/facets")
    .then((facets) => {
      form = filterForm(facets, state.filters, update);
      filtersBox.replaceChildren(form, legend());
    })
    .catch((error) => filtersBox.replaceChildren(message(`Filters unavailable: ${error.message}`, "error"), legend()));
  refreshMap();
  refreshTimeline();
  refreshList();

  return {
    teardown() {
      resize.disconnect();
      map.destroy();
    },
    search(query) {
      state.q = query;
      state.view = "search";
      writeState(state);
      refreshList();
    },
  };
}
