// blocmap home page: a time atlas.
//
// The page is complete without this script (the server renders every day).  With it:
// - every spell of the organizations shown is fetched once (/api/spells, the rows of
//   blocmap.answers.Answers.spells) and the map and the organization lists are redrawn in the
//   browser on every slider `input` event, during the drag, under the first-day rule (a spell
//   holds from the first day of its start to the first day of its end, exclusive);
// - when the date settles (the drag ends, the keys rest, play pauses) the server's rendering
//   of the day (/fragment/day: events, overlap table, Euler diagram) replaces the changing
//   parts, the day is pushed to history (Back steps back through dates) and the changes since
//   the previous day are announced to screen readers.
(function () {
  "use strict";
  const controls = document.getElementById("controls");
  if (!controls) return;
  const live = JSON.parse(controls.dataset.live);
  const L = live.labels;
  // between a word and a bracketed note after it: a space, but none before Chinese （）
  const GAP = L["text.aside"].split("{text}")[1].match(/^\s*/)[0];
  const DAY_MS = 86400000;
  const firstIso = controls.dataset.first;
  const todayIso = controls.dataset.today;
  const first = Date.parse(firstIso + "T00:00:00Z");
  const lang = controls.dataset.lang;
  const $ = (id) => document.getElementById(id);
  const slider = $("slider");
  const dateInput = $("on");
  const focusSelect = $("focus");
  const grid = document.querySelector(".home-grid");
  const thumb = $("thumb-date");
  const liveRegion = $("live");
  const playButton = $("play");
  const playStep = $("play-step");
  const STATUS_ORDER = Object.fromEntries(live.statuses.map((s, i) => [s, i]));
  const INSIDE = new Set(live.inside);
  const POST_SOVIET = new Set(live.post_soviet);
  const ORGS = live.orgs;

  let spells = null;          // every spell, with _from/_to (first days) added
  let changeDays = Array.from(document.querySelectorAll("#ticks .tick")).map((t) => t.dataset.date);
  let drawn = dateInput.value;      // the day the map and lists show
  let settled = dateInput.value;    // the day of the URL and of the server's fragment
  let dragging = false;
  let settleTimer = null;
  let pending = null;
  let playTimer = null;
  let drawnKey = null;        // what the map and the lists show (draw skips a day that looks the same)

  // ------------------------------------------------------------------ days
  const toDate = (n) => new Date(first + n * DAY_MS).toISOString().slice(0, 10);
  const toIndex = (iso) => Math.round((Date.parse(iso + "T00:00:00Z") - first) / DAY_MS);
  const clamp = (iso) => (iso < firstIso ? firstIso : iso > todayIso ? todayIso : iso);
  // The first day of a partial date (1993 → 1993-01-01, 2006-12 → 2006-12-01).
  const earliest = (p) => (p.length === 4 ? p + "-01-01" : p.length === 7 ? p + "-01" : p);
  function addMonths(iso, n) {
    const [y, m, d] = iso.split("-").map(Number);
    const start = new Date(Date.UTC(y, m - 1 + n, 1));
    const last = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
    start.setUTCDate(Math.min(d, last));
    return clamp(start.toISOString().slice(0, 10));
  }

  // ------------------------------------------------------------------ the data of a day
  const holds = (s, day) => s._from <= day && (s._to === null || day < s._to);
  // Uncertain where the day lies inside the period of a partial start or end date.
  const certain = (s, day) => !(s.start_precision !== "day" && day.startsWith(s.start)) &&
    !(s.end && s.end_precision !== "day" && day.startsWith(s.end));
  const orgExists = (o, day) => !(o.founded && day < earliest(o.founded)) &&
    !(o.dissolved && day >= earliest(o.dissolved));
  // The former states drawn whole that day (geo.Stage: the Soviet Union until 1991-12-26 …).
  const stagesOn = (day) => live.stages.filter((s) => (s.first === null || s.first <= day) && day <= s.last);

  // A state's name on a day: a former one (West Germany until 1990-10-02) where it then applied.
  function stateName(iso3, fallback, day) {
    const known = (live.state_names || {})[iso3];
    if (!known) return fallback;
    const then = known.former.find((f) => day <= f.until);
    return then ? then.name : known.today;
  }

  // org id → rows (state, name, status, since, certain, sources), as Answers.members sorts them.
  function membersOn(day) {
    const out = {};
    for (const s of spells) {
      if (s.status === "withdrawn" || !holds(s, day)) continue;
      (out[s.org] = out[s.org] || []).push({ state: s.state, name: stateName(s.state, s.name, day), status: s.status, since: s.start,
                                             certain: certain(s, day), sources: s.sources });
    }
    for (const rows of Object.values(out)) {
      rows.sort((a, b) => (STATUS_ORDER[a.status] - STATUS_ORDER[b.status]) || (a.state < b.state ? -1 : 1));
    }
    return out;
  }

  // An organization that continues in another that day (continues_in) is not one more.
  const continuing = (o, day) => !!(o && o.continues_in && day >= o.continues_in.since);
  const FIVE = "post-soviet";
  const byStatus = (focus) => !!focus && focus !== FIVE;
  // The step of a count (views.count_class): 1–5 for the five, COUNT_STEPS for every organization.
  function countStep(n, focus) {
    if (n <= 0) return 0;
    if (focus === FIVE) return Math.min(n, 5);
    let step = 0;
    live.count_steps.forEach((least, i) => { if (n >= least) step = i + 1; });
    return step;
  }

  // The map's classes (pages.map_classes over views.day's map data).
  function mapClasses(members, focus, day) {
    const count = {}, status = {}, uncertain = new Set();
    const counted = new Set(focus === FIVE ? POST_SOVIET
      : ORGS.filter((o) => !continuing(o, day)).map((o) => o.id));
    for (const [org, rows] of Object.entries(members)) {
      for (const m of rows) {
        if (counted.has(org) && INSIDE.has(m.status)) {
          count[m.state] = (count[m.state] || 0) + 1;
          if (!byStatus(focus) && !m.certain) uncertain.add(m.state);
        }
        if (org === focus) {
          status[m.state] = m.status;
          if (!m.certain) uncertain.add(m.state);
        }
      }
    }
    const data = {};
    for (const iso3 of new Set([...Object.keys(count), ...Object.keys(status)])) {
      data[iso3] = { count: count[iso3] || 0, status: status[iso3] || null, uncertain: uncertain.has(iso3) };
    }
    const stages = stagesOn(day);
    for (const st of stages) {
      if (!(st.state in data)) continue;
      for (const iso3 of st.territories) if (!(iso3 in data)) data[iso3] = data[st.state];
    }
    const classes = {};
    for (const [iso3, v] of Object.entries(data)) {
      if (byStatus(focus) ? v.status : v.count) {
        classes[iso3] = (byStatus(focus) ? "st-" + v.status : "c" + countStep(v.count, focus)) + (v.uncertain ? " unc" : "");
      }
    }
    for (const st of stages) {
      for (const iso3 of st.territories) classes[iso3] = ((classes[iso3] || "") + " inner").trim();
    }
    return classes;
  }

  // Each state's memberships that day, the accessible name of its link (pages.Site.map_notes).
  let tipRows = null;  // iso3 → {via, rows: [[acronym, status label, continues in]]}: the tooltip's lines
  function mapTips(members, day) {
    const pairs = {};
    const rows = {};
    for (const o of ORGS) {
      for (const m of members[o.id] || []) {
        (pairs[m.state] = pairs[m.state] || []).push(field(named(o, day).acronym, L["status." + m.status]));
        const successor = continuing(o, day) && ORGS.find((x) => x.id === o.continues_in.org);
        (rows[m.state] = rows[m.state] || { via: null, rows: [] }).rows.push(
          [named(o, day).acronym, L["status." + m.status] + (m.certain ? "" : " *"),
           successor ? fill(L["web.continues_in"], { org: named(successor, day).acronym }) : ""]);
      }
    }
    for (const st of stagesOn(day)) {
      if (!(st.state in rows)) continue;
      for (const iso3 of st.territories) if (!(iso3 in rows)) rows[iso3] = { via: st.name, rows: rows[st.state].rows };
    }
    tipRows = rows;
    const tips = {};
    for (const [iso3, list] of Object.entries(pairs)) tips[iso3] = list.join(L["list.semicolon"]);
    for (const st of stagesOn(day)) {
      if (!(st.state in tips)) continue;
      for (const iso3 of st.territories) if (!(iso3 in tips)) tips[iso3] = field(st.name, tips[st.state]);
    }
    return tips;
  }

  // ------------------------------------------------------------------ drawing
  // An organization's name and acronym as they were on a day (its former names, oldest first).
  function named(o, day) {
    const then = (o.former || []).find((f) => day <= f.until);
    return then ? { name: then.name, acronym: then.acronym } : { name: o.name, acronym: o.acronym };
  }

  // A link to another page keeps the day shown and the language (as the server writes them).
  function url(path, day) {
    const params = new URLSearchParams();
    if (day) params.set("on", day);
    if (lang !== "en") params.set("lang", lang);
    const query = params.toString();
    return query ? path + "?" + query : path;
  }

  // Every link the server wrote with the page's day (organization and state pages, the
  // navigation, the language switch …) follows the slider, so that it opens the day shown.
  const DAY_IN_LINK = /([?&]on=)\d{4}-\d{2}-\d{2}/;
  function keepDay(day) {
    document.querySelectorAll('a[href*="on="]:not(.euler-full)').forEach((a) => {
      const href = a.getAttribute("href");
      const moved = href.replace(DAY_IN_LINK, "$1" + day);
      if (moved !== href) a.setAttribute("href", moved);
    });
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  }

  // The members the map's frame leaves out (pages.Site.map_notes): "United States (NATO), …".
  function drawOutside(members, day) {
    const box = $("map-outside");
    if (!box) return;
    const onMap = new Set([...document.querySelectorAll("#map path[data-iso3]")].map((p) => p.dataset.iso3));
    for (const st of live.stages) onMap.add(st.state);  // its territories are on the map
    const related = {};
    for (const o of ORGS) {
      for (const m of members[o.id] || []) {
        if (onMap.has(m.state)) continue;
        (related[m.state] = related[m.state] || { name: m.name, orgs: [] }).orgs.push(named(o, day).acronym);
      }
    }
    const rows = Object.values(related).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const text = rows.map((r) => fill(L["text.aside"], { text: r.name, aside: r.orgs.join(L["list.sep"]) })).join(L["list.sep"]);
    if (box.textContent !== text) box.textContent = text;
    box.parentElement.hidden = !rows.length;
  }

  function applyMap(classes, focus, day, tips) {
    document.querySelectorAll("#map path[data-iso3]").forEach((path) => {
      const cls = classes[path.dataset.iso3];
      const want = "land" + (cls ? " " + cls : "");
      if (path.getAttribute("class") !== want) path.setAttribute("class", want);
    });
    document.querySelectorAll("#map path[data-other]").forEach((path) => {
      path.classList.toggle("inner", /\binner\b/.test(classes[path.dataset.other] || ""));
    });
    const map = $("map");
    map.setAttribute("class", "map" + (byStatus(focus) ? " focus org-c-" + focus : ""));
    $("legend-count").hidden = !!focus;
    $("legend-five").hidden = focus !== FIVE;
    $("legend-status").hidden = !byStatus(focus);
    $("legend-status").setAttribute("class", byStatus(focus) ? "org-c-" + focus : "");
    const org = ORGS.find((o) => o.id === focus);
    $("legend-org").textContent = org ? org.acronym : "";
    if (day) applyBorders(day);
    if (tips) {
      document.querySelectorAll("#map a[data-name]").forEach((a) => {
        const path = a.firstElementChild;
        const name = a.dataset.name + " — " + (tips[path.dataset.iso3] || L["web.map_no_membership"]);
        if (a.getAttribute("aria-label") !== name) {
          a.setAttribute("aria-label", name);
          if (path.firstElementChild) path.firstElementChild.textContent = name;  // the <title> (without the script's tooltip)
        }
      });
    }
  }

  // The borders of the day: a former state drawn whole (its outline, its name, its note), the
  // labels of the territories inside it hidden; the note on Germany before 1990-10-03.
  function applyBorders(day) {
    const on = new Set(stagesOn(day).map((s) => s.state + "-" + s.last));
    const inside = new Set(stagesOn(day).flatMap((s) => s.territories));
    document.querySelectorAll("#map [data-stage]").forEach((node) => node.classList.toggle("on", on.has(node.dataset.stage)));
    document.querySelectorAll("p.map-borders .stage").forEach((span) => { span.hidden = !on.has(span.dataset.stage); });
    const borders = document.querySelector("p.map-borders");
    if (borders) borders.hidden = on.size === 0;
    document.querySelectorAll("#map .labels text[data-iso3]").forEach((t) => t.classList.toggle("in-former", inside.has(t.dataset.iso3)));
    const germany = document.querySelector("p.map-germany");
    if (germany) germany.hidden = day >= live.germany_united;
  }

  function card(o, rows, day) {
    const exists = orgExists(o, day);
    const h3 = el("h3", {}, el("span", { class: "org-swatch", "aria-hidden": "true" }),
                  el("a", { href: url("/org/" + o.id, day) }, named(o, day).name));
    const then = named(o, day);
    if (then.acronym !== then.name) h3.append(" ", el("span", { class: "acr" }, then.acronym));
    if (then.name !== o.name) {  // today's name beside (pages: the macro today_name)
      h3.append(GAP, el("span", { class: "today-name" },
                        fill(L["web.today_name"], { name: o.acronym !== then.acronym ? o.acronym : o.name })));
    }
    const article = el("article", { class: "org-card org-c-" + o.id + (exists ? "" : " gone"), "data-org": o.id }, h3);
    const successor = o.continues_in && day >= o.continues_in.since && ORGS.find((x) => x.id === o.continues_in.org);
    if (successor) {  // it continues inside another: not one more live organization
      article.append(el("p", { class: "note" }, el("span", { class: "continues note" },
                                                 fill(L["web.continues_in"], { org: successor.acronym }))));
    }
    if (!exists) article.append(el("p", { class: "note" }, L["web.not_founded"]));
    if (rows.length) {
      const dl = el("dl", { class: "members" });
      let i = 0;
      while (i < rows.length) {
        const status = rows[i].status;
        const group = [];
        while (i < rows.length && rows[i].status === status) group.push(rows[i++]);
        dl.append(el("dt", {}, el("span", { class: "status st-" + status }, L["status." + status]), " ",
                     el("span", { class: "count" }, String(group.length))));
        const dd = el("dd");
        group.forEach((m, k) => {
          dd.append(el("a", { href: url("/state/" + m.state, day),
                              title: L["col.since"] + " " + m.since + " — " + m.sources.join(", ") }, m.name));
          if (!m.certain) dd.append(el("sup", { class: "unc", title: L["web.uncertain"] }, "*"));
          if (k < group.length - 1) dd.append(L["list.sep"]);
        });
        dl.append(dd);
      }
      article.append(dl);
    } else if (exists) {
      article.append(el("p", { class: "note" }, L["msg.none"]));
    }
    return article;
  }

  function drawLists(members, day) {
    const box = $("org-cards");
    if (!box) return;
    const cards = [];
    for (const o of ORGS) {
      const rows = members[o.id] || [];
      if (!rows.length && !orgExists(o, day)) continue;
      cards.push(card(o, rows, day));
    }
    box.replaceChildren(...cards);
    datedHeadings(day);
  }

  function datedHeadings(day) {
    const map = $("map");
    map.setAttribute("aria-label", map.getAttribute("aria-label").replace(/\d{4}-\d{2}-\d{2}/, day));
    const h2 = document.querySelector("#orgs-today h2");
    if (h2) h2.textContent = h2.textContent.replace(/\d{4}-\d{2}-\d{2}/, day);
    const today = document.querySelector("#orgs-today .on-this-day");
    if (today) today.hidden = day !== settled;
  }

  function placeThumb() {
    const value = Number(slider.value), max = Number(slider.max) || 1;
    const thumbWidth = 16;
    const x = (value / max) * (slider.clientWidth - thumbWidth) + thumbWidth / 2;
    const half = thumb.offsetWidth / 2;  // the label stays inside the track at both ends
    thumb.style.left = Math.min(Math.max(x, half), slider.clientWidth - half) + "px";
  }

  function showDay(day) {
    dateInput.value = day;
    slider.value = String(toIndex(day));
    slider.setAttribute("aria-valuetext", day);
    thumb.textContent = day;
    placeThumb();
    for (const id of ["map-day", "h1-day"]) { const n = $(id); if (n) n.textContent = day; }
    document.title = document.title.replace(/\d{4}-\d{2}-\d{2}/, day);
  }

  // The live part: everything the spells decide, at once (no request).
  function draw(day) {
    day = clamp(day);
    showDay(day);
    keepDay(day);
    drawn = day;
    if (spells) {
      const members = membersOn(day);
      // Most moves of a drag land on a day like the last one: then only the dates change.
      const key = [focusSelect.value, day < live.germany_united, stagesOn(day).map((st) => st.last).join(),
                   ...ORGS.map((o) => (orgExists(o, day) ? "+" : "-") + (members[o.id] || []).map(
                     (m) => m.state + m.status + (m.certain ? "" : "?")).join())].join("|");
      if (key !== drawnKey) {
        applyMap(mapClasses(members, focusSelect.value, day), focusSelect.value, day, mapTips(members, day));
        drawOutside(members, day);
        drawLists(members, day);
        drawnKey = key;
      } else {
        datedHeadings(day);
      }
    }
    const overlap = $("overlap");
    if (overlap) overlap.classList.toggle("stale", day !== settled);
  }

  // ------------------------------------------------------------------ settling
  function stateUrl(path, day) {
    const params = new URLSearchParams();
    params.set("on", day);
    if (lang !== "en") params.set("lang", lang);
    if (focusSelect.value) params.set("focus", focusSelect.value);
    return path + "?" + params.toString();
  }

  function updateLinks(day) {
    document.querySelectorAll("a.lang-link").forEach((a) => {
      const link = new URL(a.href, location.href);
      link.searchParams.set("on", day);
      if (focusSelect.value) link.searchParams.set("focus", focusSelect.value); else link.searchParams.delete("focus");
      a.href = link.pathname + link.search;
    });
    const json = document.querySelector("a.json-link");
    if (json) json.href = stateUrl("/api/day", day);
    const csv = document.querySelector("a.csv-link");
    if (csv) csv.href = stateUrl("/day.csv", day);
    const code = $("embed-code");
    if (code) code.textContent = '<iframe src="' + location.origin + stateUrl("/embed", day) +
      '" width="800" height="640" title="blocmap"></iframe>';
  }

  // "label: value" with the reader's punctuation (full-width in Chinese)
  function field(label, value) { return fill(L["text.field"], { label: label, value: value }); }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, k) => values[k]);
  }

  // A counted message's form for n, by the catalog's plural rule (the server lists which form
  // goes with each n below 200; the rules look at n % 100, so 200 and above repeat 100 … 199).
  function count(key, n, values) {
    const c = live.counts[key];
    const form = c.forms[Number(c.of[n < 200 ? n : 100 + (n % 100)])];
    return fill(form, Object.assign({ n: n }, values || {}));
  }
  window.blocmapCount = count;  // the tests read the forms from the page's own script

  function announce(before, day) {
    let text = fill(L["web.live_day"], { day: day });
    if (spells && before && before !== day) {
      const a = membersOn(before), b = membersOn(day);
      const changes = [];
      for (const o of ORGS) {
        const was = Object.fromEntries((a[o.id] || []).map((m) => [m.state, m]));
        const now = Object.fromEntries((b[o.id] || []).map((m) => [m.state, m]));
        for (const m of b[o.id] || []) {
          if (!was[m.state] || was[m.state].status !== m.status) {
            changes.push(fill(L["web.live_joined"], { org: named(o, day).acronym, state: m.name, status: L["status." + m.status] }));
          }
        }
        for (const m of a[o.id] || []) {
          if (!now[m.state]) {
            changes.push(fill(L["web.live_left"], { org: named(o, day).acronym, state: m.name, status: L["status." + m.status] }));
          }
        }
      }
      const shown = changes.slice(0, 6);
      if (changes.length > shown.length) shown.push(count("count.live_more", changes.length - shown.length));
      text += " " + (shown.length ? fill(L["web.live_changes"], { changes: shown.join(L["list.semicolon"]) }) : L["web.live_none"]);
    }
    liveRegion.textContent = text;
  }

  // history: "push" (a new settled day), "replace" (same entry), "none" (from popstate)
  async function settle(day, history_) {
    clearTimeout(settleTimer);
    day = clamp(day);
    if (pending) pending.abort();
    const controller = new AbortController();
    pending = controller;
    const before = settled;
    grid.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(stateUrl("/fragment/day", day), { signal: controller.signal });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const fragment = document.createElement("template");
      fragment.innerHTML = await response.text();
      if (controller.signal.aborted) return;
      settled = day;
      drawnKey = null;  // the server's lists replace the drawn ones
      for (const id of ["day-data", "orgs-today", "overlap"]) {
        const fresh = fragment.content.getElementById(id);
        if (fresh && $(id)) keepSize(id, () => $(id).replaceWith(fresh));  // (the embed has no lists)
      }
      if (drawn !== day) draw(drawn);  // the reader moved on while this loaded
      else if (!spells) {
        const data = $("day-data");
        applyMap(JSON.parse(data.dataset.map), data.dataset.focus, day, null);
      }
      const target = stateUrl(location.pathname, day);  // "/" or "/embed"
      const entry = { on: day, focus: focusSelect.value };
      if (history_ === "push" && location.pathname + location.search !== target) history.pushState(entry, "", target);
      else if (history_ !== "none") history.replaceState(entry, "", target);
      updateLinks(day);
      if (before !== day) announce(before, day);
    } catch (err) {
      if (err.name !== "AbortError") console.error("blocmap: could not load", day, err);
    } finally {
      if (pending === controller) { pending = null; grid.removeAttribute("aria-busy"); }
    }
  }

  // The overlap keeps its height while its diagram is swapped (no jump of the page).
  function keepSize(id, swap) {
    if (id !== "overlap") { swap(); return; }
    const old = $(id);
    const height = old.getBoundingClientRect().height;
    swap();
    const fresh = $(id);
    const img = fresh.querySelector("#euler");
    if (img && !img.complete) {
      fresh.style.minHeight = height + "px";
      const release = () => { fresh.style.minHeight = ""; };
      img.addEventListener("load", release, { once: true });
      img.addEventListener("error", release, { once: true });
    }
  }

  function settleSoon(day, delay) {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => settle(day, "push"), delay);
  }

  // Go to a day: draw it now, settle it (push to history) a little later.
  function go(day, delay) {
    draw(day);
    settleSoon(drawn, delay === undefined ? 350 : delay);
  }

  // ------------------------------------------------------------------ play
  function setPlaying(on) {
    playButton.setAttribute("aria-pressed", on ? "true" : "false");
    playButton.firstChild.textContent = on ? "⏸ " : "▶ ";
    $("play-label").textContent = on ? L["web.pause"] : L["web.play"];
  }

  function stop() {
    if (playTimer === null) return;
    clearInterval(playTimer);
    playTimer = null;
    setPlaying(false);
    settle(drawn, "push");
  }

  function play() {
    if (playTimer !== null) { stop(); return; }
    if (drawn >= todayIso) draw(firstIso);
    clearTimeout(settleTimer);
    setPlaying(true);
    const byYear = playStep.value === "year";
    playTimer = setInterval(() => {
      const next = addMonths(drawn, byYear ? 12 : 1);
      draw(next);
      if (next >= todayIso) stop();
    }, byYear ? 1000 : 450);
  }

  // ------------------------------------------------------------------ changes of status
  function nextChange(day, step) {
    if (step > 0) return changeDays.find((d) => d > day) || day;
    const before = changeDays.filter((d) => d < day);
    return before.length ? before[before.length - 1] : day;
  }

  // ------------------------------------------------------------------ events
  slider.addEventListener("pointerdown", () => { dragging = true; stop(); });
  document.addEventListener("pointerup", () => { if (dragging) { dragging = false; settleSoon(drawn, 0); } });
  slider.addEventListener("input", () => {
    draw(toDate(Number(slider.value)));
    if (!dragging) settleSoon(drawn, 350);
  });
  slider.addEventListener("change", () => { dragging = false; settleSoon(drawn, 0); });
  slider.addEventListener("keydown", (ev) => {
    let day = null;
    const years = ev.shiftKey ? 12 : 1;
    switch (ev.key) {
      case "ArrowRight": case "ArrowUp": day = addMonths(drawn, years); break;
      case "ArrowLeft": case "ArrowDown": day = addMonths(drawn, -years); break;
      // WAI-ARIA slider pattern (and OWID's grapher): Page Up steps forward, Page Down back.
      case "PageUp": day = nextChange(drawn, 1); break;
      case "PageDown": day = nextChange(drawn, -1); break;
      case "Home": day = firstIso; break;
      case "End": day = todayIso; break;
      default: return;
    }
    ev.preventDefault();
    stop();
    go(day);
  });
  dateInput.addEventListener("change", () => { if (dateInput.value) { stop(); go(dateInput.value, 0); } });
  focusSelect.addEventListener("change", () => { draw(drawn); settle(drawn, "push"); });
  $("ticks").addEventListener("click", (ev) => {
    const day = ev.target.dataset && ev.target.dataset.date;
    if (day) { stop(); go(day, 0); }
  });
  $("prev-event").addEventListener("click", () => { stop(); go(nextChange(drawn, -1), 0); });
  $("next-event").addEventListener("click", () => { stop(); go(nextChange(drawn, 1), 0); });
  playButton.addEventListener("click", play);
  document.querySelector(".date-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (dateInput.value) go(dateInput.value, 0);
  });
  window.addEventListener("popstate", (ev) => {
    stop();
    const params = new URLSearchParams(location.search);
    const day = (ev.state && ev.state.on) || params.get("on") || todayIso;
    focusSelect.value = (ev.state ? ev.state.focus : params.get("focus")) || "";
    draw(day);
    settle(day, "none");
  });
  window.addEventListener("resize", placeThumb);
  // A diagram that cannot be drawn leaves a sentence in its place, not a broken image.
  document.addEventListener("error", (ev) => {
    if (ev.target && ev.target.id === "euler") {
      const box = ev.target.closest(".euler-box");
      (ev.target.closest("a.euler-full") || ev.target).replaceWith(
        el("p", { class: "no-diagram", id: "no-diagram" }, L["web.no_diagram_error"]));
      if (box) box.classList.add("empty");
    }
  }, true);

  // ------------------------------------------------------------------ the map's tooltip
  // On hover, keyboard focus or a first tap (a second tap opens the state's page): the state's
  // memberships on the day shown, one organization a line.
  const tip = $("map-tip");
  let tipped = null;     // the link whose tooltip shows
  let lastPointer = "mouse";
  function showTip(a, x, y) {
    if (!tip) return;
    const iso3 = a.firstElementChild.dataset.iso3;
    const known = tipRows && tipRows[iso3];
    const lines = known ? known.rows : null;
    const parts = [el("strong", {}, a.dataset.name)];
    if (known && known.via) parts.push(el("div", { class: "hint" }, known.via));
    if (lines && lines.length) {
      parts.push(el("ul", {}, ...lines.map(([org, status, note]) =>
        el("li", {}, el("b", {}, org), " " + status + (note ? GAP + note : "")))));
    } else if (!tipRows) {  // the spells are not loaded yet: the server's sentence
      const label = a.getAttribute("aria-label") || "";
      parts.push(el("div", {}, label.slice(label.indexOf(" — ") + 3)));
    } else {
      parts.push(el("div", { class: "none" }, L["web.map_no_membership"]));
    }
    if (lastPointer === "touch") parts.push(el("div", { class: "hint" }, L["web.map_tap_again"]));
    tip.replaceChildren(...parts);
    tip.hidden = false;
    tipped = a;
    const box = tip.parentElement.getBoundingClientRect();
    const scroll = tip.parentElement;
    let left = x - box.left + scroll.scrollLeft + 14;
    let top = y - box.top + 14;
    const width = tip.offsetWidth, height = tip.offsetHeight;
    if (left + width > scroll.scrollLeft + scroll.clientWidth) left = Math.max(scroll.scrollLeft, x - box.left + scroll.scrollLeft - width - 14);
    if (top + height > scroll.clientHeight) top = Math.max(0, y - box.top - height - 14);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { if (tip) { tip.hidden = true; tipped = null; } }
  const mapSvg = $("map");
  if (tip && mapSvg) {
    // the browser's own tooltip (<title>) would cover ours; the link's aria-label stays its name
    mapSvg.querySelectorAll("a[data-name] title").forEach((title) => title.remove());
    let pointerAt = 0;  // a tap or a click focuses the link too: that focus is not the keyboard's
    mapSvg.addEventListener("pointerdown", (ev) => { lastPointer = ev.pointerType || "mouse"; pointerAt = Date.now(); });
    mapSvg.addEventListener("pointermove", (ev) => {
      if (ev.pointerType === "touch") return;
      lastPointer = ev.pointerType || "mouse";
      const a = ev.target.closest && ev.target.closest("a[data-name]");
      if (a) showTip(a, ev.clientX, ev.clientY); else hideTip();
    });
    mapSvg.addEventListener("pointerleave", (ev) => { if (ev.pointerType !== "touch") hideTip(); });
    mapSvg.addEventListener("click", (ev) => {
      const a = ev.target.closest && ev.target.closest("a[data-name]");
      if (!a || lastPointer !== "touch" || tipped === a) return;
      ev.preventDefault();  // the first tap shows what the state is in; the second opens its page
      showTip(a, ev.clientX, ev.clientY);
    });
    mapSvg.addEventListener("focusin", (ev) => {
      const a = ev.target.closest && ev.target.closest("a[data-name]");
      if (!a || Date.now() - pointerAt < 1000) return;
      const r = a.getBoundingClientRect();
      lastPointer = "keyboard";
      showTip(a, r.left + r.width / 2, r.top + r.height / 2);
    });
    mapSvg.addEventListener("focusout", () => { if (lastPointer === "keyboard") hideTip(); });
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") hideTip(); });
    document.addEventListener("pointerdown", (ev) => { if (!mapSvg.contains(ev.target)) hideTip(); });
  }

  // ------------------------------------------------------------------ the view's picture and link
  // The map as a standalone SVG: each shape's colours written into it (the stylesheet stays
  // here), with the day and the legend's title as its caption.
  function mapPicture() {
    const source = $("map");
    const copy = source.cloneNode(true);
    const from = source.querySelectorAll("*"), to = copy.querySelectorAll("*");
    from.forEach((node, i) => {
      if (!(node instanceof SVGElement)) return;
      const cs = getComputedStyle(node);
      if (cs.display === "none") { to[i].setAttribute("display", "none"); return; }
      for (const prop of ["fill", "stroke", "stroke-width", "stroke-dasharray", "font-size", "font-weight",
                          "text-anchor", "paint-order", "opacity"]) {
        const value = cs.getPropertyValue(prop);
        if (value) to[i].setAttribute(prop, value);
      }
    });
    copy.querySelectorAll("a").forEach((a) => a.replaceWith(...a.childNodes));
    copy.removeAttribute("class");
    copy.setAttribute("font-family", getComputedStyle(source).fontFamily);
    const [, , w, h] = source.getAttribute("viewBox").split(" ").map(Number);
    copy.setAttribute("viewBox", "0 0 " + w + " " + (h + 40));
    copy.setAttribute("width", String(w));
    copy.setAttribute("height", String(h + 40));
    const legend = document.querySelector("#legend > div:not([hidden]) .legend-title");
    const caption = document.createElementNS(source.namespaceURI, "text");  // SVG
    caption.setAttribute("x", "8"); caption.setAttribute("y", String(h + 26)); caption.setAttribute("font-size", "16");
    caption.textContent = drawn + " · " + (legend ? legend.textContent : "") + " · blocmap";
    copy.append(caption);
    return copy;
  }
  // Chinese in the picture: the atlas's CJK glyphs go inside it, so that it reads on a machine
  // without a CJK font (as the pages and the HTML report do).
  async function withFont(svg) {
    if (!/[\u2e80-\u9fff\uff00-\uffef]/.test(svg.textContent)) return svg;
    try {
      const response = await fetch("/fonts/cjk.woff2");
      if (!response.ok) return svg;
      const bytes = new Uint8Array(await response.arrayBuffer());
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      const style = document.createElementNS(svg.namespaceURI, "style");
      style.textContent = '@font-face { font-family: "blocmap CJK"; src: url(data:font/woff2;base64,' + btoa(binary) + ') format("woff2"); }';
      svg.insertBefore(style, svg.firstChild);
    } catch (err) { /* the picture without the font */ }
    return svg;
  }
  function saveAs(blob, suffix) {
    const link = el("a", { href: URL.createObjectURL(blob),
                           download: "blocmap-" + drawn + (focusSelect.value ? "-" + focusSelect.value : "") + suffix });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
  async function mapSvgBlob() {
    const svg = await withFont(mapPicture());
    const text = '<?xml version="1.0" encoding="utf-8"?>\n' + new XMLSerializer().serializeToString(svg);
    return { blob: new Blob([text], { type: "image/svg+xml" }), svg };
  }
  const saveSvg = $("save-svg");
  if (saveSvg) {
    saveSvg.hidden = false;
    saveSvg.addEventListener("click", async () => saveAs((await mapSvgBlob()).blob, ".svg"));
  }
  // The same picture as a PNG twice its drawn size, on white (the browser draws the SVG, with
  // its embedded font, onto a canvas: nothing leaves the page).
  const savePng = $("save-png");
  if (savePng) {
    savePng.hidden = false;
    savePng.addEventListener("click", async () => {
      const { blob, svg } = await mapSvgBlob();
      const image = new Image();  // a data: address: the page's policy allows no other images
      await new Promise((resolve, reject) => {
        image.onload = resolve;
        image.onerror = reject;
        image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
      });
      const scale = 2;
      const canvas = el("canvas", { width: String(Math.round(Number(svg.getAttribute("width")) * scale)),
                                    height: String(Math.round(Number(svg.getAttribute("height")) * scale)) });
      const context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      saveAs(await new Promise((resolve) => canvas.toBlob(resolve, "image/png")), ".png");
    });
  }
  const copyLink = $("copy-link");
  if (copyLink) {
    copyLink.hidden = false;
    copyLink.addEventListener("click", async () => {
      const link = location.origin + stateUrl("/", drawn);
      try { await navigator.clipboard.writeText(link); } catch (err) { /* shown below to copy by hand */ }
      $("copied").textContent = fill(L["web.link_copied"], { url: link });
    });
  }

  // ------------------------------------------------------------------ start
  history.replaceState({ on: settled, focus: focusSelect.value }, "", location.pathname + location.search);
  $("play-group").hidden = false;
  for (const id of ["prev-event", "next-event", "slider-keys"]) $(id).hidden = false;
  thumb.hidden = false;
  showDay(drawn);
  updateLinks(settled);
  // A phone pans the wide map inside its box: start on the post-Soviet states.
  const mapScroll = $("map-scroll");
  if (mapScroll && mapScroll.scrollWidth > mapScroll.clientWidth) {
    mapScroll.scrollLeft = mapScroll.scrollWidth * 0.5 - mapScroll.clientWidth * 0.45;
  }
  const orgIds = ORGS.map((o) => o.id).join(",");
  fetch("/api/spells?orgs=" + encodeURIComponent(orgIds) + (lang === "en" ? "" : "&lang=" + encodeURIComponent(lang)))
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then((rows) => {
      for (const s of rows) { s._from = earliest(s.start); s._to = s.end ? earliest(s.end) : null; }
      spells = rows;
      const days = new Set(changeDays);
      for (const s of rows) {
        for (const d of [s._from, s._to]) if (d && d >= firstIso && d <= todayIso) days.add(d);
      }
      changeDays = Array.from(days).sort();
      mapTips(membersOn(drawn), drawn);  // the tooltip's lines for the day shown
      controls.dataset.ready = "true";
    })
    .catch((err) => console.error("blocmap: could not load the spells", err));
})();
