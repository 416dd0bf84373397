// The single-page app's router: history routing over /, /incident/{id} and /article/{id}.
// Links inside the app change the view without reloading; /docs and /api are real pages.

import { showArticle } from "./article.js";
import { showDashboard } from "./dashboard.js";
import { showIncident } from "./incident.js";
import { STATE_EVENT } from "./state.js";

const root = document.getElementById("app");
const searchForm = document.getElementById("search-form");
const searchInput = document.getElementById("search-input");
let current = null; // the dashboard while it is shown: torn down on leaving

const ROUTES = [
  [/^\/incident\/([^/]+)\/?$/, (id) => showIncident(root, id)],
  [
    /^\/article\/([^/]+)\/?$/,
    (id) => showArticle(root, id, { focusEvent: new URLSearchParams(window.location.search).get("event") }),
  ],
];

function markCurrentLink() {
  const view = new URLSearchParams(window.location.search).get("view") ?? "events";
  for (const link of document.querySelectorAll(".site-nav a")) {
    const here = window.location.pathname === "/" && link.dataset.view === view;
    if (here) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function render() {
  current?.teardown();
  current = null;
  markCurrentLink();
  const path = window.location.pathname;
  searchInput.value = new URLSearchParams(window.location.search).get("q") ?? "";
  for (const [pattern, show] of ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      await show(decodeURIComponent(match[1]));
      root.focus({ preventScroll: true });
      return;
    }
  }
  current = await showDashboard(root);
}

function navigate(url) {
  window.history.pushState(null, "", url);
  window.scrollTo(0, 0);
  render();
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  if (url.pathname !== "/" && !ROUTES.some(([pattern]) => pattern.test(url.pathname))) return;
  event.preventDefault();
  navigate(`${url.pathname}${url.search}`);
});

searchForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = searchInput.value.trim();
  if (current) current.search(query);
  else navigate(`/?${new URLSearchParams({ view: "search", q: query })}`);
});

window.addEventListener("popstate", render);
window.addEventListener(STATE_EVENT, markCurrentLink);
render();
