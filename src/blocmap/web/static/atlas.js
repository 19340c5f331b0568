// blocmap home page: the date slider drives the map, the lists and the overlap without a
// full reload; the URL keeps the state (?on=…&lang=…&focus=…) so a view can be shared.
// The server renders the changing part (/fragment/day) so there is one renderer, not two.
(function () {
  "use strict";
  const controls = document.getElementById("controls");
  if (!controls) return;
  const DAY_MS = 86400000;
  const first = Date.parse(controls.dataset.first + "T00:00:00Z");
  const lang = controls.dataset.lang;
  const slider = document.getElementById("slider");
  const dateInput = document.getElementById("on");
  const focusSelect = document.getElementById("focus");
  const grid = document.querySelector(".home-grid");
  const mapDay = document.getElementById("map-day");
  const ticks = Array.from(document.querySelectorAll("#ticks .tick")).map((t) => t.dataset.date);
  let timer = null;
  let pending = null;
  let shown = dateInput.value;

  const toDate = (n) => new Date(first + n * DAY_MS).toISOString().slice(0, 10);
  const toIndex = (iso) => Math.round((Date.parse(iso + "T00:00:00Z") - first) / DAY_MS);

  function stateUrl(path, day) {
    const params = new URLSearchParams();
    params.set("on", day);
    if (lang !== "en") params.set("lang", lang);
    if (focusSelect.value) params.set("focus", focusSelect.value);
    return path + "?" + params.toString();
  }

  function applyMap(classes, focus) {
    document.querySelectorAll("#map path[data-iso3]").forEach((path) => {
      const cls = classes[path.dataset.iso3];
      path.setAttribute("class", "land" + (cls ? " " + cls : ""));
    });
    document.getElementById("legend-count").hidden = !!focus;
    document.getElementById("legend-status").hidden = !focus;
  }

  function updateLinks(day) {
    // Language links and the JSON link keep the chosen day.
    document.querySelectorAll("a.lang-link").forEach((a) => {
      const url = new URL(a.href, location.href);
      url.searchParams.set("on", day);
      if (focusSelect.value) url.searchParams.set("focus", focusSelect.value); else url.searchParams.delete("focus");
      a.href = url.pathname + url.search;
    });
    const json = document.querySelector("a.json-link");
    if (json) json.href = stateUrl("/api/day", day);
  }

  async function load(day) {
    if (pending) pending.abort();
    pending = new AbortController();
    grid.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(stateUrl("/fragment/day", day), { signal: pending.signal });
      if (!response.ok) throw new Error("HTTP " + response.status);
      // The fragment holds the parts that change; each replaces its namesake on the page.
      const fragment = document.createElement("template");
      fragment.innerHTML = await response.text();
      for (const id of ["day-data", "orgs-today", "overlap"]) {
        const fresh = fragment.content.getElementById(id);
        if (fresh) document.getElementById(id).replaceWith(fresh);
      }
      const data = document.getElementById("day-data");
      applyMap(JSON.parse(data.dataset.map), data.dataset.focus);
      mapDay.textContent = data.dataset.on;
      document.title = document.title.replace(/\d{4}-\d{2}-\d{2}/, data.dataset.on);
      history.replaceState(null, "", stateUrl("/", data.dataset.on));
      updateLinks(data.dataset.on);
      shown = data.dataset.on;
    } catch (err) {
      if (err.name !== "AbortError") console.error("blocmap: could not load", day, err);
    } finally {
      grid.removeAttribute("aria-busy");
    }
  }

  function go(day, immediate) {
    dateInput.value = day;
    slider.value = String(toIndex(day));
    slider.setAttribute("aria-valuetext", day);
    clearTimeout(timer);
    timer = setTimeout(() => load(day), immediate ? 0 : 120);
  }

  slider.addEventListener("input", () => go(toDate(Number(slider.value)), false));
  dateInput.addEventListener("change", () => { if (dateInput.value) go(dateInput.value, true); });
  focusSelect.addEventListener("change", () => go(dateInput.value || shown, true));
  document.getElementById("ticks").addEventListener("click", (ev) => {
    const day = ev.target.dataset && ev.target.dataset.date;
    if (day) go(day, true);
  });
  document.getElementById("prev-event").addEventListener("click", () => {
    const before = ticks.filter((d) => d < dateInput.value);
    if (before.length) go(before[before.length - 1], true);
  });
  document.getElementById("next-event").addEventListener("click", () => {
    const after = ticks.find((d) => d > dateInput.value);
    if (after) go(after, true);
  });
  document.querySelector(".date-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (dateInput.value) go(dateInput.value, true);
  });
  // A diagram that cannot be drawn for a day (the figures feature says so with a 404)
  // leaves only the table of zones, not a broken image.
  document.addEventListener("error", (ev) => {
    if (ev.target && ev.target.id === "euler") ev.target.closest("figure").hidden = true;
  }, true);
  updateLinks(shown);
})();
