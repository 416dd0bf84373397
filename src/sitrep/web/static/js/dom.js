// Building DOM from data without ever parsing data as HTML: text goes in as text nodes,
// attributes through setAttribute, links only to this site or to http(s) pages.

const INTERNAL = /^\/(?!\/)/;
const EXTERNAL = /^https?:\/\//i;

/** A URL safe to put in an href: a path on this site, or an http(s) page; else null. */
export function safeHref(value) {
  const href = String(value ?? "").trim();
  return INTERNAL.test(href) || EXTERNAL.test(href) ? href : null;
}

/** Append children: strings and numbers become text nodes; arrays are flattened. */
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/**
 * Create an element. ``props``: ``class``, ``dataset`` (object), ``on`` (event name to
 * handler), ``href`` (checked by safeHref; an unsafe one is dropped), anything else an
 * attribute. Props come from this code, never from data; data only fills values.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "on") {
      for (const [name, handler] of Object.entries(value)) el.addEventListener(name, handler);
    } else if (key === "href") {
      const href = safeHref(value);
      if (href) el.setAttribute("href", href);
    } else el.setAttribute(key, value === true ? "" : String(value));
  }
  return append(el, children);
}

/** The same in the SVG namespace (the timeline is hand-written SVG). */
export function svg(tag, attributes = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  return append(el, children);
}

/** A short message in place of a panel's content: errors and empty results. */
export function message(text, kind = "info") {
  return h("p", { class: `message message-${kind}`, role: kind === "error" ? "alert" : null }, text);
}

/** "2024-04-03" as "3 Apr 2024"; null as an em dash. */
export function formatDate(iso) {
  if (!iso) return "—";
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(year, (month || 1) - 1, day || 1));
  const options = { timeZone: "UTC", year: "numeric", month: "short" };
  if (day) options.day = "numeric";
  return date.toLocaleDateString("en-GB", options);
}

/** A path to one of the dashboard's views, its id encoded as one path segment. */
export function viewPath(kind, id, query = null) {
  const path = `/${kind}/${encodeURIComponent(id)}`;
  return query ? `${path}?${new URLSearchParams(query)}` : path;
}
