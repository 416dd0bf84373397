// The timeline: event counts per day, week or month from /api/timeline as a stacked SVG
// bar chart. Dragging across it (brushing) picks a date range; clicking picks one bar.

import { TYPE_COLORS, typeColor } from "./colors.js";
import { formatDate, h, message, svg } from "./dom.js";

const DAY = 86_400_000;
const HEIGHT = 150;
const MARGIN = { top: 10, right: 10, bottom: 22, left: 34 };

function toDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day || 1));
}

function toIso(date) {
  return date.toISOString().slice(0, 10);
}

function monthIndex(date) {
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** The finest bucket that keeps the chart readable for a span of dates. */
export function chooseBucket(firstIso, lastIso) {
  const days = (toDate(lastIso) - toDate(firstIso)) / DAY;
  if (days <= 120) return "day";
  if (days <= 730) return "week";
  return "month";
}

/** Slots: one per bucket from the first to the last, empty ones included. */
function slotsOf(series, bucket) {
  const first = toDate(series[0].date);
  const index = (date) => {
    if (bucket === "month") return monthIndex(date) - monthIndex(first);
    const days = Math.round((date - first) / DAY);
    return bucket === "week" ? Math.floor(days / 7) : days;
  };
  const start = (slot) => {
    if (bucket === "month") return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + slot, 1));
    return new Date(first.getTime() + slot * (bucket === "week" ? 7 : 1) * DAY);
  };
  const end = (slot) => {
    if (bucket === "month") return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + slot + 1, 0));
    return bucket === "week" ? new Date(start(slot).getTime() + 6 * DAY) : start(slot);
  };
  const count = index(toDate(series[series.length - 1].date)) + 1;
  const byType = Array.from({ length: count }, () => null);
  for (const item of series) byType[index(toDate(item.date))] = item;
  return { count, items: byType, index, start, end };
}

function slotLabel(date, bucket, wide) {
  const options = { timeZone: "UTC" };
  if (bucket === "month") Object.assign(options, wide ? { month: "short", year: "numeric" } : { year: "numeric" });
  else Object.assign(options, { day: "numeric", month: "short" });
  return date.toLocaleDateString("en-GB", options);
}

function stackOrder(byType) {
  const known = Object.keys(TYPE_COLORS).filter((type) => byType[type]);
  return [...known, ...Object.keys(byType).filter((type) => !(type in TYPE_COLORS))];
}

/**
 * Draw the chart into ``container``. ``selection`` ({date_from, date_to}) is shaded;
 * ``onBrush`` gets the brushed {date_from, date_to}.
 */
export function drawTimeline(container, { series, bucket, selection, onBrush }) {
  container.replaceChildren();
  if (!series.length) {
    container.append(message("No dated events match these filters."));
    return;
  }
  const slots = slotsOf(series, bucket);
  const width = Math.max(320, container.clientWidth || 640);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slotWidth = plotWidth / slots.count;
  const max = Math.max(...series.map((item) => item.total));
  const y = (value) => (value / max) * plotHeight;

  const span = `${formatDate(series[0].date)} to ${formatDate(series[series.length - 1].date)}`;
  const chart = svg("svg", {
    class: "timeline-chart",
    width,
    height: HEIGHT,
    viewBox: `0 0 ${width} ${HEIGHT}`,
    role: "img",
    "aria-label": `Events per ${bucket}, ${span}; drag to choose dates`,
  });
  const bars = svg("g", { class: "bars" });
  slots.items.forEach((item, slot) => {
    if (!item) return;
    let top = MARGIN.top + plotHeight;
    const x = MARGIN.left + slot * slotWidth;
    const barWidth = Math.max(1, slotWidth - (slotWidth > 4 ? 1 : 0));
    const byType = item.by_type ?? { "type not given": item.total };
    const parts = stackOrder(byType).map((type) => `${type} ${byType[type]}`).join(", ");
    const group = svg("g", { class: "bar", "data-date": item.date, "data-total": item.total });
    group.append(svg("title", {}, `${formatDate(item.date)}: ${item.total} events (${parts})`));
    for (const type of stackOrder(byType)) {
      const height = y(byType[type]);
      top -= height;
      group.append(svg("rect", { x, y: top, width: barWidth, height, fill: typeColor(type) }));
    }
    bars.append(group);
  });

  const axis = svg("g", { class: "axis" });
  axis.append(
    svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: HEIGHT - MARGIN.bottom, y2: HEIGHT - MARGIN.bottom }),
    svg("text", { x: MARGIN.left - 4, y: MARGIN.top + 8, "text-anchor": "end" }, String(max)),
    svg("text", { x: MARGIN.left - 4, y: MARGIN.top + plotHeight, "text-anchor": "end" }, "0"),
  );
  const wide = bucket === "month" && slots.count <= 36;
  const every = Math.max(1, Math.ceil(70 / slotWidth));
  for (let slot = 0; slot < slots.count; slot += every) {
    const x = MARGIN.left + slot * slotWidth;
    axis.append(svg("text", { x, y: HEIGHT - 6 }, slotLabel(slots.start(slot), bucket, wide)));
  }

  const shade = svg("rect", { class: "brush-selection", y: MARGIN.top, height: plotHeight, x: 0, width: 0 });
  const slotAt = (x) => Math.min(slots.count - 1, Math.max(0, Math.floor((x - MARGIN.left) / slotWidth)));
  const shadeSlots = (from, to) => {
    shade.setAttribute("x", MARGIN.left + from * slotWidth);
    shade.setAttribute("width", (to - from + 1) * slotWidth);
  };
  if (selection?.date_from || selection?.date_to) {
    const from = selection.date_from ? slots.index(toDate(selection.date_from)) : 0;
    const to = selection.date_to ? slots.index(toDate(selection.date_to)) : slots.count - 1;
    const clampedFrom = Math.max(0, from);
    const clampedTo = Math.min(slots.count - 1, to);
    if (clampedFrom <= clampedTo) shadeSlots(clampedFrom, clampedTo);
  }

  // The brush: a transparent rectangle over the plot that turns a drag into a range.
  const plot = { x: MARGIN.left, y: MARGIN.top, width: plotWidth, height: plotHeight };
  const area = svg("rect", { class: "brush-area", ...plot });
  let anchor = null;
  const localX = (event) => event.clientX - chart.getBoundingClientRect().left;
  area.addEventListener("pointerdown", (event) => {
    anchor = slotAt(localX(event));
    area.setPointerCapture(event.pointerId);
    shadeSlots(anchor, anchor);
  });
  area.addEventListener("pointermove", (event) => {
    if (anchor === null) return;
    const here = slotAt(localX(event));
    shadeSlots(Math.min(anchor, here), Math.max(anchor, here));
  });
  area.addEventListener("pointerup", (event) => {
    if (anchor === null) return;
    const here = slotAt(localX(event));
    const [from, to] = [Math.min(anchor, here), Math.max(anchor, here)];
    anchor = null;
    onBrush({ date_from: toIso(slots.start(from)), date_to: toIso(slots.end(to)) });
  });

  chart.append(bars, axis, shade, area);
  const caption = `Events per ${bucket}; drag across the bars to choose dates.`;
  container.append(chart, h("p", { class: "timeline-caption" }, caption));
}
