// Legation dashboard: reads the /api/ routes and draws with plain SVG, one function per page.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const params = new URLSearchParams(location.search);

function el(tag, attrs = {}, text) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function status(text, cls = "status") {
  const box = document.getElementById("status");
  box.className = cls;
  box.textContent = text;
}

async function api(path, query = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const r = await fetch(`/api/${path}?${q}`);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${(await r.json()).detail ?? ""}`);
  return r.json();
}

function articleHref(e) {
  return `/articles/${encodeURIComponent(e.article_id)}#e-${e.event_id}`;
}

function eventsHref(query) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  return `/?${q}`;
}

function actor(a) { return a ? a.code ?? a.text ?? "?" : "-"; }

function eventTable(events) {
  const table = el("table", { class: "events" });
  const head = table.appendChild(el("tr"));
  for (const h of ["date", "source", "code", "target", "place", "confidence", "article"]) {
    head.appendChild(el("th", {}, h));
  }
  for (const e of events) {
    const row = table.appendChild(el("tr", { class: "event-row", "data-event-id": e.event_id }));
    for (const cell of [e.event_date ?? "-", actor(e.source), e.cameo, actor(e.target),
      e.place ? e.place.name : "-", e.confidence?.toFixed(2) ?? "-"]) {
      row.appendChild(el("td", {}, cell));
    }
    const link = row.appendChild(el("td")).appendChild(el("a", { href: articleHref(e) }));
    link.textContent = e.article_id;
  }
  return table;
}

function fillForm() {
  const form = document.getElementById("filters");
  for (const input of form.querySelectorAll("input")) input.value = params.get(input.name) ?? "";
  form.addEventListener("submit", (ev) => {  // drop empty fields: the API rejects since=""
    ev.preventDefault();
    const q = {};
    for (const input of form.querySelectorAll("input")) q[input.name] = input.value.trim();
    location.href = eventsHref(q).replace("/", location.pathname);
  });
}

// A bar chart of labelled values, positive up and negative down; bars are links.
function bars(data, height = 220) {
  const longest = Math.max(0, ...data.map((d) => d.label.length));
  const step = Math.max(28, longest * 7);
  const width = Math.max(480, data.length * step);
  const max = Math.max(1, ...data.map((d) => Math.max(d.up, d.down)));
  const hasDown = data.some((d) => d.down > 0);
  const axis = hasDown ? height / 2 : height - 20;
  const scale = (hasDown ? height / 2 - 20 : height - 40) / max;
  const svg = el("svg:svg", { width, height, class: "bars" });
  svg.appendChild(el("svg:line", { x1: 0, x2: width, y1: axis, y2: axis, class: "axis" }));
  data.forEach((d, i) => {
    const x = i * step + 2;
    for (const [value, cls, href] of [[d.up, "bar up", d.upHref], [d.down, "bar down", d.downHref]]) {
      if (!value) continue;
      const a = svg.appendChild(el("svg:a", { href }));
      const h = value * scale;
      a.appendChild(el("svg:rect", { x, width: step - 4, height: h, class: cls,
        y: cls === "bar up" ? axis - h : axis })).appendChild(el("svg:title", {}, `${d.label}: ${value}`));
    }
    svg.appendChild(el("svg:text", { x: x + (step - 4) / 2, y: height - 4, class: "label" },
      d.label));
  });
  return svg;
}

async function timeline() {
  fillForm();
  const filters = Object.fromEntries(["source", "target", "root", "since", "until"]
    .map((k) => [k, params.get(k)]));
  const page = await api("events", { ...filters, limit: 1000 });
  const months = new Map();
  for (const e of page.items) {
    const m = e.event_date?.slice(0, 7);
    if (m && m.length === 7) months.set(m, (months.get(m) ?? 0) + 1);
  }
  const data = [...months.keys()].sort().map((m) => ({ label: m, up: months.get(m), down: 0,
    upHref: eventsHref({ ...filters, since: m, until: m }) }));
  status(`${page.total} events` + (page.total > page.items.length
    ? `; the chart counts the first ${page.items.length}` : ""));
  document.getElementById("chart").appendChild(bars(data));
  document.getElementById("list").appendChild(eventTable(page.items));
}

async function dyad() {
  if (!params.get("a")) params.set("a", "USA");
  if (!params.get("b")) params.set("b", "RUS");
  fillForm();
  const a = params.get("a"), b = params.get("b");
  const res = await api("dyad", { a, b });
  const data = res.items.filter((r) => r.period).map((r) => {
    const [src, tgt] = r.direction === "a→b" ? [res.a, res.b] : [res.b, res.a];
    const href = eventsHref({ source: src, target: tgt, since: r.period, until: r.period });
    return { label: `${r.period} ${src}→${tgt}`, up: r.quad1 + r.quad2, down: r.quad3 + r.quad4,
      upHref: href, downHref: href };
  });
  status(`${res.a}–${res.b}: cooperation (QuadClass 1-2) above the axis, conflict (3-4) below; `
    + res.note);
  document.getElementById("chart").appendChild(bars(data, 300));
}

// Grey at 0, towards red at -10 (conflict) and green at +10 (cooperation).
function goldsteinColour(g) {
  const t = Math.max(-1, Math.min(1, (g ?? 0) / 10));
  const [r, gr, b] = t < 0 ? [200, 30, 30] : [30, 150, 50];
  const mix = (end) => Math.round(150 + (end - 150) * Math.abs(t));
  return `rgb(${mix(r)},${mix(gr)},${mix(b)})`;
}

async function network() {
  const res = await api("network");
  const size = 560, r = 220, c = size / 2;
  const pos = new Map(res.nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / res.nodes.length;
    return [n.id, [c + r * Math.cos(angle), c + r * Math.sin(angle)]];
  }));
  const maxEvents = Math.max(1, ...res.edges.map((e) => e.events));
  const svg = el("svg:svg", { width: size, height: size, class: "network" });
  for (const e of res.edges) {
    if (e.source === e.target) continue;
    const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
    const a = svg.appendChild(el("svg:a", { href: eventsHref({ source: e.source, target: e.target }) }));
    a.appendChild(el("svg:line", { x1, y1, x2, y2, class: "edge", stroke: goldsteinColour(e.goldstein_mean),
      "stroke-width": 1 + (7 * e.events) / maxEvents }))
      .appendChild(el("svg:title", {}, `${e.source}→${e.target}: ${e.events} events, `
        + `mean Goldstein ${e.goldstein_mean?.toFixed(1)}`));
  }
  for (const n of res.nodes) {
    const [x, y] = pos.get(n.id);
    const a = svg.appendChild(el("svg:a", { href: eventsHref({ source: n.id }) }));
    a.appendChild(el("svg:circle", { cx: x, cy: y, r: 4 + Math.sqrt(n.events), class: "node" }));
    a.appendChild(el("svg:text", { x: x + 8, y: y - 8, class: "label" }, n.id));
  }
  status(`${res.nodes.length} actors, ${res.edges.length} directed pairs; edge width = events, `
    + `colour = mean Goldstein (red conflict, green cooperation); ${res.note}`);
  document.getElementById("chart").appendChild(svg);
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.head.appendChild(el("script", { src }));
    s.onload = resolve;
    s.onerror = () => reject(new Error(`${src} is missing`));
  });
}

// Equirectangular: a whole-world map of points needs no projection library.
const W = 960, H = 480;
const project = ([lon, lat]) => [((lon + 180) * W) / 360, ((90 - lat) * H) / 180];

function ringPath(ring) {
  // Unwrap longitudes so that a ring crossing the antimeridian stays one closed shape, and draw
  // it again a world to the left or right: the map's edge clips what falls outside.
  const lons = [];
  for (const [lon] of ring) {
    const prev = lons.at(-1);
    lons.push(prev === undefined ? lon : lon + 360 * Math.round((prev - lon) / 360));
  }
  const path = (shift) => ring.map(([, lat], i) => {
    const [x, y] = project([lons[i] + shift, lat]);
    return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join("") + "Z";
  const shifts = [0];
  if (Math.max(...lons) > 180) shifts.push(-360);
  if (Math.min(...lons) < -180) shifts.push(360);
  return shifts.map(path).join("");
}

async function outlines(svg) {
  try {
    await loadScript("/vendor/topojson-client/dist/topojson-client.min.js");
    const r = await fetch("/vendor/world-atlas/countries-110m.json");
    if (!r.ok) throw new Error("world-atlas/countries-110m.json is missing");
    const world = await r.json();
    for (const f of topojson.feature(world, world.objects.countries).features) {
      const polys = f.geometry?.type === "Polygon" ? [f.geometry.coordinates]
        : f.geometry?.coordinates ?? [];
      const d = polys.flat().map(ringPath).join("");
      svg.appendChild(el("svg:path", { d, class: "country" }))
        .appendChild(el("svg:title", {}, f.properties.name));
    }
  } catch (err) {
    status(`No country outlines (${err.message}): run npm ci --prefix src/legation/web`,
      "warning");
  }
}

async function map() {
  const svg = el("svg:svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "map" });
  document.getElementById("chart").appendChild(svg);
  const [page] = await Promise.all([api("events", { limit: 1000 }), outlines(svg)]);
  const places = new Map();
  for (const e of page.items) {
    if (!e.place || e.place.lat === null) continue;
    const key = `${e.place.lat},${e.place.lon}`;
    if (!places.has(key)) places.set(key, { place: e.place, events: [] });
    places.get(key).events.push(e);
  }
  const list = document.getElementById("list");
  // Biggest first, so that a small place next to a big one stays on top and clickable.
  const drawn = [...places.values()].sort((a, b) => b.events.length - a.events.length);
  for (const { place, events } of drawn) {
    const [cx, cy] = project([place.lon, place.lat]);
    const dot = svg.appendChild(el("svg:circle", { cx, cy, r: 3 + Math.sqrt(events.length) * 2,
      class: "point", "data-place": place.name }));
    dot.appendChild(el("svg:title", {}, `${place.name}: ${events.length} events`));
    dot.addEventListener("click", () => {
      list.replaceChildren(el("h2", {}, `${place.name} (${place.country ?? "?"})`),
        eventTable(events));
    });
  }
  if (!document.querySelector(".warning")) {
    status(`${places.size} places from ${page.items.length} of ${page.total} events; `
      + "click a point for its events");
  }
}

// Marks nest: spans sorted by start (longest first) form a tree; a span that crosses the open
// one cannot be a well-formed element and is left to the table.
function spanTree(spans) {
  const order = { quote: 0, event: 1, actor: 2 };
  spans.sort((x, y) => x.start - y.start || y.end - x.end || order[x.cls] - order[y.cls]);
  const root = { start: -Infinity, end: Infinity, children: [] };
  const stack = [root];
  for (const s of spans) {
    while (s.start >= stack.at(-1).end) stack.pop();
    if (s.end > stack.at(-1).end) continue;
    const node = { ...s, children: [] };
    stack.at(-1).children.push(node);
    stack.push(node);
  }
  return root;
}

function renderSpans(chars, node, from, to, parent) {
  let at = from;
  for (const child of node.children) {
    parent.append(chars.slice(at, child.start).join(""));
    const mark = parent.appendChild(el("mark", { class: child.cls, "data-start": child.start,
      "data-end": child.end, title: child.title }));
    if (child.id) mark.setAttribute("data-event-id", child.id);
    renderSpans(chars, child, child.start, child.end, mark);
    at = child.end;
  }
  parent.append(chars.slice(at, to).join(""));
}

async function article() {
  const id = decodeURIComponent(location.pathname.slice("/articles/".length));
  const art = await api(`articles/${encodeURIComponent(id)}`);
  document.querySelector("h1").textContent = art.title ?? art.article_id;
  status([art.outlet, art.published, `${art.events.length} events, ${art.quotes.length} quotes`]
    .filter(Boolean).join(" · "));
  const spans = [];
  const seen = new Set();
  const actorSpan = (start, end, title) => {
    if (start === null || start === undefined || seen.has(`${start}:${end}`)) return;
    seen.add(`${start}:${end}`);
    spans.push({ start, end, cls: "actor", title });
  };
  for (const m of art.mentions) actorSpan(m.start, m.end, m.code ?? "unresolved");
  for (const e of art.events) {
    spans.push({ start: e.start, end: e.end, cls: "event", id: e.event_id,
      title: `${e.cameo} ${actor(e.source)}→${actor(e.target)}` });
    for (const side of [e.source, e.target]) if (side) actorSpan(side.start, side.end, side.code);
  }
  for (const q of art.quotes) {
    spans.push({ start: q.start, end: q.end, cls: "quote", title: q.speaker?.code ?? "quote" });
  }
  const chars = Array.from(art.text);  // offsets count characters (code points), not UTF-16
  const text = el("div", { id: "text", class: "text" });
  renderSpans(chars, spanTree(spans), 0, chars.length, text);
  document.getElementById("chart").appendChild(text);
  const table = eventTable(art.events);
  for (const row of table.querySelectorAll("tr.event-row")) row.id = `e-${row.dataset.eventId}`;
  document.getElementById("list").appendChild(table);
  if (location.hash) document.getElementById(location.hash.slice(1))?.classList.add("target");
}

async function stories() {
  const page = await api("stories", { limit: 1000 });
  status(`${page.total} stories`);
  const table = el("table", { class: "events" });
  table.appendChild(el("tr")).append(...["first published", "articles", "outlets", "merged events",
    "title"].map((h) => el("th", {}, h)));
  for (const s of page.items) {
    const row = el("tr", { class: "story-row" });
    const link = el("a", { href: `/stories/${encodeURIComponent(s.story_id)}` },
      s.title ?? s.story_id);
    row.append(el("td", {}, s.first_published ?? "-"), el("td", {}, String(s.article_ids.length)),
      el("td", {}, s.outlets.join(", ") || "-"), el("td", {}, String(s.merged_ids.length)),
      el("td"));
    row.lastChild.appendChild(link);
    table.appendChild(row);
  }
  document.getElementById("list").appendChild(table);
}

async function story() {
  const id = decodeURIComponent(location.pathname.slice("/stories/".length));
  const [st, told] = await Promise.all([api(`stories/${encodeURIComponent(id)}`),
    api(`compare/${encodeURIComponent(id)}`)]);
  document.querySelector("h1").textContent = st.title ?? st.story_id;
  status(`${st.article_ids.length} articles from ${st.outlets.join(", ") || "no named outlet"}, `
    + `${st.first_published ?? "?"} to ${st.last_published ?? "?"}`);
  const reports = st.merged.flatMap((m) => m.reports.map((r) => ({ ...r, m })))
    .sort((x, y) => (x.published ?? "~").localeCompare(y.published ?? "~"));
  const table = el("table", { class: "events", id: "reports" });
  table.appendChild(el("tr")).append(...["published", "outlet", "event", "reports of it",
    "evidence"].map((h) => el("th", {}, h)));
  for (const r of reports) {
    table.appendChild(el("tr", { class: "report-row" })).append(
      el("td", {}, r.published ?? "-"), el("td", {}, r.outlet ?? "-"),
      el("td", {}, `${actor(r.m.source)} ${r.m.cameo} ${actor(r.m.target)}`),
      el("td", {}, String(r.m.num_reports)), el("td", {}, r.evidence.slice(0, 160)));
  }
  document.getElementById("chart").appendChild(table);
  const side = el("div", { class: "outlets" });
  for (const o of told.outlets) {
    const col = side.appendChild(el("section", { class: "outlet" }));
    col.appendChild(el("h2", {}, o.outlet));
    col.appendChild(el("p", {}, `tone ${o.tone.toFixed(2)} per 100 words (`
      + `${o.tone_terms.positive} positive, ${o.tone_terms.negative} negative terms)`));
    col.appendChild(el("p", { class: "terms" }, "loaded terms: " + (o.loaded_terms
      .map((t) => `${t.term}${t.polarity}${t.only_here ? "*" : ""}`).join(", ") || "none")));
    col.appendChild(el("p", {}, "doers: " + (o.doers.join(", ") || "-") + "; targets: "
      + (o.targets.join(", ") || "-")));
    for (const q of o.quotes.slice(0, 5)) {
      col.appendChild(el("blockquote", {}, `${q.speaker ?? "?"}: ${q.content.slice(0, 200)}`));
    }
  }
  side.appendChild(el("p", { class: "status" }, "* used by this outlet only"));
  document.getElementById("list").appendChild(side);
}

const PAGES = { timeline, dyad, network, map, article, stories, story };
PAGES[document.body.dataset.page]().catch((err) => status(err.message, "warning"));
