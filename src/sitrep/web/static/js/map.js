// The event map: an offline world basemap from world-atlas TopoJSON, events coloured by
// type and sized by fatalities. A place known to the town is a marker (with a halo when
// only "near" it); a place known only to its district or province is a translucent circle
// of about that size, and one known only to its country is that country's shape: never
// a pin on a town.

import {
  AREA_PRECISIONS,
  RADIUS_HINT_KM,
  TYPE_COLORS,
  precisionWords,
  typeColor,
  typeSwatch,
} from "./colors.js";
import { formatDate, h, viewPath } from "./dom.js";
import { ISO_NUMERIC } from "./iso3166.js";
import { countryName } from "./values.js";

const L = window.L;
const BASEMAP_URL = "/static/vendor/world-atlas/countries-50m.json";
const OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors";
const BASEMAP_STYLE = { className: "basemap-country", color: "#9a927f", weight: 0.6, fillColor: "#f3efe4", fillOpacity: 1 };

let basemapData = null; // the TopoJSON, fetched once per page load

// Antarctica (ISO 010) is left out: it wraps the whole bottom edge of a Mercator map.
const LEFT_OUT = new Set(["010"]);

/**
 * Make a ring's longitudes continuous: a shape crossing the antimeridian (Russia, Fiji)
 * would otherwise be drawn with an edge across the whole map.
 */
function unwrap(ring) {
  let previous = ring[0][0];
  return ring.map(([lon, lat]) => {
    let x = lon;
    while (x - previous > 180) x -= 360;
    while (x - previous < -180) x += 360;
    previous = x;
    return [x, lat];
  });
}

function unwrapGeometry(geometry) {
  if (geometry?.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(unwrap) };
  if (geometry?.type === "MultiPolygon") {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrap)) };
  }
  return geometry;
}

async function loadBasemap() {
  basemapData ??= fetch(BASEMAP_URL).then((response) => {
    if (!response.ok) throw new Error(`basemap: ${response.status} ${response.statusText}`);
    return response.json();
  });
  const topology = await basemapData;
  const countries = window.topojson.feature(topology, topology.objects.countries);
  countries.features = countries.features
    .filter((country) => !LEFT_OUT.has(country.id))
    .map((country) => ({ ...country, geometry: unwrapGeometry(country.geometry) }));
  return countries;
}

/** Marker diameter in pixels: grows with the square root of fatalities, capped. */
function markerSize(fatalities) {
  return Math.round(12 + Math.min(26, 3 * Math.sqrt(Math.max(0, fatalities ?? 0))));
}

function describe(props) {
  const radius = props.radius_km ?? RADIUS_HINT_KM[props.precision];
  const place = [props.location, props.admin1, props.country ?? countryName(props.country_code)]
    .filter((part, index, parts) => part && parts.indexOf(part) === index)
    .join(", ");
  return { place: place || "no place name", precision: precisionWords(props.precision, radius) };
}

function popupContent(props) {
  const { place, precision } = describe(props);
  const dates =
    props.date_start && props.date_end && props.date_end !== props.date_start
      ? `${formatDate(props.date_start)} – ${formatDate(props.date_end)}`
      : formatDate(props.date_start);
  const actors = [props.actor1, props.actor2].filter(Boolean).join(" vs ");
  return h(
    "div",
    { class: "popup" },
    h(
      "p",
      { class: "popup-type" },
      typeSwatch(props.event_type),
      props.event_type ?? "Type not known",
      props.sub_event_type ? ` — ${props.sub_event_type}` : "",
    ),
    h(
      "dl",
      {},
      h("dt", {}, "Date"),
      h("dd", {}, dates, props.date_precision ? ` (to the ${props.date_precision})` : ""),
      h("dt", {}, "Place"),
      h("dd", {}, place),
      h("dt", {}, "Precision"),
      h("dd", { class: "popup-precision" }, precision),
      actors ? [h("dt", {}, "Actors"), h("dd", {}, actors)] : null,
      h("dt", {}, "Fatalities"),
      h("dd", {}, props.fatalities ?? "not stated"),
      props.mode && props.mode !== "asserted" ? [h("dt", {}, "Mode"), h("dd", {}, props.mode)] : null,
      h("dt", {}, "Reported by"),
      h("dd", {}, props.outlet ?? "unknown outlet"),
    ),
    h(
      "p",
      { class: "popup-links" },
      props.article_id
        ? h("a", { href: viewPath("article", props.article_id, { event: props.event_id }) }, "Story and evidence")
        : null,
      props.incident_id
        ? [" · ", h("a", { href: viewPath("incident", props.incident_id) }, "Incident: all reports")]
        : null,
    ),
  );
}

function pointLayer(props, latlng) {
  const size = markerSize(props.fatalities);
  const dot = h("span", { class: "ev-dot" });
  dot.style.backgroundColor = typeColor(props.event_type);
  dot.style.color = typeColor(props.event_type);
  const precision = props.precision === "near" ? "near" : "exact";
  const { place } = describe(props);
  return L.marker(latlng, {
    icon: L.divIcon({
      className: `ev-marker prec-${precision}`,
      html: dot,
      iconSize: [size, size],
    }),
    title: `${props.event_type ?? "Event"} at ${place} (${precision === "near" ? "near" : "exact place"})`,
    alt: props.event_type ?? "event",
    riseOnHover: true,
  });
}

function areaStyle(props) {
  const color = typeColor(props.event_type);
  return {
    className: `ev-area prec-${props.precision}`,
    color,
    weight: 1.5,
    dashArray: "5 4",
    fillColor: color,
    fillOpacity: 0.14,
    pane: "areas",
  };
}

/** The area an event lies somewhere in: its country's shape, or a circle; null if neither. */
function areaLayer(props, latlng, countries) {
  const country = props.precision === "country" ? countries.get(ISO_NUMERIC[props.country_code]) : null;
  if (country) return L.geoJSON(country, { style: areaStyle(props), pane: "areas" });
  if (!latlng) return null;
  const radiusKm = props.radius_km ?? RADIUS_HINT_KM[props.precision] ?? 50;
  return L.circle(latlng, { ...areaStyle(props), radius: radiusKm * 1000 });
}

function clusterIcon(cluster) {
  const count = cluster.getChildCount();
  const size = count < 10 ? 30 : count < 100 ? 36 : 44;
  return L.divIcon({
    html: h("span", {}, String(count)),
    className: "ev-cluster",
    iconSize: [size, size],
  });
}

/** The map in ``container``; returns ``{show(collection), destroy()}``. */
export function createMap(container, { onError }) {
  const map = L.map(container, {
    worldCopyJump: true,
    minZoom: 1,
    maxZoom: 14,
    zoomSnap: 0.5,
    maxBounds: [[-85, -720], [85, 720]],
    maxBoundsViscosity: 1,
  });
  map.createPane("basemap").style.zIndex = 150;
  map.createPane("areas").style.zIndex = 350;
  map.setView([20, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Basemap: Natural Earth via world-atlas");

  const online = L.tileLayer(OSM_URL, { attribution: OSM_ATTRIBUTION, maxZoom: 19 });
  const areas = L.featureGroup();
  const points = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    iconCreateFunction: clusterIcon,
  });
  areas.addTo(map);
  points.addTo(map);
  const layers = L.control
    .layers(
      null,
      { "events (points)": points, "events (areas)": areas },
      { collapsed: container.clientWidth < 560 }, // on a phone the open list hides the map
    )
    .addTo(map);
  // Offered only when the server allows it (sitrep serve --online-tiles): otherwise its
  // CSP refuses images from any other host.
  const allowOnlineTiles = () => layers.addOverlay(online, "online tiles");
  // Online tiles replace the offline land fill underneath them.
  map.on("overlayadd", (event) => {
    if (event.layer === online) container.classList.add("online-tiles");
  });
  map.on("overlayremove", (event) => {
    if (event.layer === online) container.classList.remove("online-tiles");
  });
  L.control.scale({ imperial: false }).addTo(map);

  // Country shapes by ISO numeric code, for events known only to their country.
  let removed = false; // answers that arrive after the reader left the view are dropped
  const countriesReady = loadBasemap()
    .then((countries) => {
      if (removed) return new Map();
      L.geoJSON(countries, {
        pane: "basemap",
        interactive: false,
        style: BASEMAP_STYLE,
      }).addTo(map);
      container.dataset.basemap = "ready";
      const keyed = countries.features.filter((country) => country.id);
      return new Map(keyed.map((country) => [country.id, country]));
    })
    .catch((error) => {
      onError(`The basemap could not be drawn: ${error.message}`);
      return new Map();
    });

  /** Draw a FeatureCollection of events; resolves to how many were drawn, and how. */
  async function show(collection) {
    const countries = await countriesReady;
    const counts = { points: 0, areas: 0, unplaced: 0 };
    if (removed) return counts;
    areas.clearLayers();
    points.clearLayers();
    const markers = [];
    const bounds = L.latLngBounds([]);
    for (const feature of collection.features ?? []) {
      const props = feature.properties ?? {};
      const coordinates = feature.geometry?.coordinates;
      const located = coordinates && coordinates[0] !== null && coordinates[1] !== null;
      const latlng = located ? L.latLng(coordinates[1], coordinates[0]) : null;
      const isArea = AREA_PRECISIONS.has(props.precision);
      const layer = isArea ? areaLayer(props, latlng, countries) : latlng && pointLayer(props, latlng);
      if (!layer) {
        counts.unplaced += 1;
        continue;
      }
      layer.bindPopup(() => popupContent(props), { maxWidth: 320 });
      if (isArea) {
        areas.addLayer(layer);
        counts.areas += 1;
      } else {
        markers.push(layer);
        counts.points += 1;
      }
      // A country shape counts by the middle of its bounds: fitting the map to whole countries
      // would zoom out to their farthest islands.
      bounds.extend(latlng ?? layer.getBounds().getCenter());
    }
    points.addLayers(markers);
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.15), { maxZoom: 7, animate: false });
    return counts;
  }

  function destroy() {
    removed = true;
    map.remove();
  }

  return { show, destroy, allowOnlineTiles };
}

/** The legend: a swatch per event type and a key to how precision is drawn. */
export function legend() {
  const types = [...Object.keys(TYPE_COLORS), null].map((type) =>
    h("li", {}, typeSwatch(type), type ?? "type not known"),
  );
  return h(
    "section",
    { class: "legend", "aria-labelledby": "legend-title" },
    h("h2", { id: "legend-title" }, "Legend"),
    h("ul", { class: "legend-types" }, types),
    h(
      "ul",
      { class: "legend-precision" },
      h("li", {}, h("span", { class: "key key-exact" }), "exact place (size: fatalities)"),
      h("li", {}, h("span", { class: "key key-near" }), "near a place (halo)"),
      h("li", {}, h("span", { class: "key key-area" }), "only the district, province or country known: an area"),
      h("li", {}, h("span", { class: "key key-cluster" }, "5"), "several events close together"),
    ),
  );
}
