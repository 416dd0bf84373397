// The one way the dashboard reads data: GET requests to the HTTP API (docs/api.md).

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** Build an /api URL; array values repeat the parameter, empty values are left out. */
function apiUrl(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && item !== undefined && item !== "") url.searchParams.append(key, item);
    }
  }
  return url;
}

/** GET JSON; a non-2xx answer raises ApiError with the API's own message. */
export async function getJSON(path, params = {}, { signal } = {}) {
  const response = await fetch(apiUrl(path, params), {
    headers: { Accept: "application/json, application/geo+json" },
    signal,
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const reason = body?.error?.message ?? `${response.status} ${response.statusText}`;
    throw new ApiError(reason, response.status);
  }
  return body;
}

/**
 * Run ``load`` so that only the latest call's result is used: a slow, stale answer to an
 * earlier filter never overwrites a newer one. ``load`` receives an AbortSignal.
 */
export function latestOnly(load) {
  let controller = null;
  return async (...args) => {
    controller?.abort();
    controller = new AbortController();
    const mine = controller;
    try {
      return { result: await load(mine.signal, ...args), stale: mine.signal.aborted };
    } catch (error) {
      if (mine.signal.aborted) return { result: null, stale: true };
      throw error;
    }
  };
}
