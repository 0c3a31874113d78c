// The inspector page: the live list of requests (Server-Sent Events), one request in full, the send
// form and the dead letters. Every value from a request is data: it is only ever set as text
// (textContent, option labels, input values), never parsed as markup.
"use strict";

const API = "/_inspector/api";
const VIA = { "fc-http": "FC trigger", "fc-invoke": "FC invoke", aws: "AWS" };

const state = { limit: 2000, selected: undefined, mode: undefined, callbacks: [], reload: undefined };

/** An element with text children only: strings become text nodes. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === "className") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "onclick") node.addEventListener("click", value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

const $ = (selector) => document.querySelector(selector);

async function getJson(path) {
  const response = await fetch(`${API}${path}`, { headers: { accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

async function postJson(path, value) {
  const response = await fetch(`${API}${path}`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(value) });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function time(ms) {
  const date = new Date(ms);
  return `${date.toLocaleTimeString([], { hour12: false })}.${String(date.getMilliseconds()).padStart(3, "0")}`;
}

// ---------------------------------------------------------------- the live list

function filters() {
  const form = $("#filters");
  return { fn: form.fn.value, platform: form.platform.value, verdict: form.verdict.value, q: form.q.value.trim() };
}

function matches(summary, f) {
  return (!f.fn || summary.fn === f.fn) && (!f.platform || summary.platform === f.platform) && (!f.verdict || summary.verdict.kind === f.verdict);
}

function verdictText(verdict) {
  const detail = verdict.kind === "accepted" || verdict.kind === "duplicate" ? "" : verdict.detail.replace(/^quarantined: /, "");
  return [verdict.kind, detail && `: ${detail}`, verdict.decision && ` (${verdict.decision})`].filter(Boolean).join("");
}

function buildText(build) {
  if (!build) return "";
  return build.number !== undefined ? `#${build.number} · ${build.hash}` : build.hash;
}

function row(summary) {
  const latency = `${summary.durationMs} ms${summary.coldStartMs !== undefined ? " ❄" : ""}`;
  const tr = el(
    "tr",
    { dataset: { id: summary.id, seq: String(summary.seq) }, className: `verdict-${summary.verdict.kind}`, tabindex: "0" },
    el("td", {}, time(summary.at)),
    el("td", {}, summary.fn),
    el("td", {}, VIA[summary.via] || summary.via),
    el("td", {}, summary.platform || ""),
    el("td", {}, summary.callback || ""),
    el(
      "td",
      { className: "verdict", title: verdictText(summary.verdict) },
      el("span", { className: "badge" }, summary.verdict.kind),
      verdictText(summary.verdict).slice(summary.verdict.kind.length),
    ),
    el("td", {}, String(summary.status)),
    el("td", { title: summary.coldStartMs !== undefined ? `cold start ${summary.coldStartMs} ms` : "warm instance" }, latency),
    el(
      "td",
      { className: "mono", title: buildText(summary.build) },
      summary.build ? (summary.build.number !== undefined ? `#${summary.build.number}` : summary.build.hash.slice(0, 7)) : "",
    ),
  );
  tr.addEventListener("click", () => select(summary.seq));
  tr.addEventListener("keydown", (event) => event.key === "Enter" && select(summary.seq));
  if (state.selected === summary.seq) tr.classList.add("selected");
  return tr;
}

function addFunctionOption(fn) {
  const select = $("#filters").fn;
  if (![...select.options].some((o) => o.value === fn)) select.append(el("option", { value: fn }, fn));
}

function showCount() {
  const rows = $("#requests tbody").children.length;
  $("#counts").textContent = `${rows} shown · keeps the newest ${state.limit}`;
  $("#empty").hidden = rows > 0;
}

async function reload() {
  const f = filters();
  const params = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
  const { requests, history } = await getJson(`/requests?${params}`);
  state.limit = history.limit;
  const body = $("#requests tbody");
  body.replaceChildren(...requests.map(row));
  for (const r of requests) addFunctionOption(r.fn);
  showCount();
}

/** A search in bodies is answered by the emulator, which has them: a burst of new requests asks once. */
function reloadSoon() {
  clearTimeout(state.reload);
  state.reload = setTimeout(() => reload().catch(showError), 150);
}

function arrived(summary) {
  addFunctionOption(summary.fn);
  const f = filters();
  if (f.q) return reloadSoon();
  if (!matches(summary, f)) return;
  const body = $("#requests tbody");
  if (body.querySelector(`tr[data-seq="${summary.seq}"]`)) return;
  body.prepend(row(summary));
  while (body.children.length > state.limit) body.lastElementChild.remove();
  showCount();
}

function showBuild(build) {
  const badge = $("#build");
  if (!build) return;
  badge.className = build.ok ? "ok" : "failed";
  badge.textContent = `build #${build.number} ${build.ok ? "✔" : "✘ failed"} ${time(build.at)}`;
  badge.title = build.ok
    ? Object.entries(build.bundles)
        .map(([fn, hash]) => `${fn} ${hash}`)
        .join("\n")
    : build.errors.join("\n\n");
}

function connect() {
  const live = $("#live");
  const events = new EventSource(`${API}/events`);
  events.addEventListener("open", () => {
    live.className = "connected";
    live.textContent = "● live";
    // Whatever arrived while the stream was down is in the history.
    reload().catch(showError);
  });
  events.addEventListener("error", () => {
    live.className = "reconnecting";
    live.textContent = "reconnecting…";
  });
  events.addEventListener("request", (event) => arrived(JSON.parse(event.data)));
  events.addEventListener("build", (event) => showBuild(JSON.parse(event.data)));
}

// ---------------------------------------------------------------- one request in full

function pairsTable(pairs, empty) {
  if (!pairs.length) return el("p", { className: "hint" }, empty);
  return el(
    "table",
    { className: "pairs" },
    el(
      "tbody",
      {},
      pairs.map(([name, value]) => el("tr", {}, el("th", {}, name), el("td", {}, value))),
    ),
  );
}

function bodyView(body) {
  const views = [];
  if (body.json !== undefined) views.push(["Pretty", body.json]);
  if (body.text !== undefined) views.push(["Raw", body.text]);
  views.push(["Base64", body.base64]);
  const pre = el("pre", {}, views[0][1]);
  const buttons = views.map(([name, text]) => {
    const button = el("button", { type: "button" }, name);
    button.addEventListener("click", () => {
      pre.textContent = text;
      for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
    });
    return button;
  });
  buttons[0].setAttribute("aria-pressed", "true");
  return el("div", {}, el("div", { className: "bar" }, el("span", { className: "hint" }, `${body.size} bytes`), buttons), pre);
}

function part(name, title, ...content) {
  return el("section", { dataset: { part: name } }, el("h3", {}, title), ...content);
}

function targetsView(record) {
  if (record.targets.length > 0) {
    return el(
      "ul",
      {},
      record.targets.map((t) => el("li", { className: `target-${t.result}` }, el("strong", {}, t.name), `: ${t.result}`, t.detail ? ` — ${t.detail}` : "")),
    );
  }
  if (record.event)
    return el("p", { className: "hint" }, "no target wanted it (no handler for this callback, no FORWARD_URL, no REDIS_STREAM): the accepted log line is its delivery");
  return el("p", { className: "hint" }, "none: no event was delivered");
}

async function select(seq) {
  state.selected = seq;
  for (const tr of document.querySelectorAll("#requests tbody tr")) tr.classList.toggle("selected", tr.dataset.seq === String(seq));
  const detail = $("#detail");
  let record;
  try {
    record = await getJson(`/requests/${seq}`);
  } catch (error) {
    detail.replaceChildren(el("p", { className: "error" }, error.message));
    return;
  }
  if (state.selected !== seq) return;
  const result = el("output", { id: "detail-result" });
  const again = el("button", { type: "button" }, "Send again");
  again.addEventListener("click", () => sendAgain(record, result));
  const edit = el("button", { type: "button" }, "Edit and send");
  edit.addEventListener("click", () => editAndSend(record));
  detail.replaceChildren(
    el("h2", {}, record.callback || record.path),
    el(
      "p",
      { className: `verdict-${record.verdict.kind}` },
      el("span", { className: "badge" }, record.verdict.kind),
      " ",
      verdictText(record.verdict).slice(record.verdict.kind.length),
    ),
    el(
      "p",
      { className: "hint" },
      `${time(record.at)} · ${record.fn} · ${VIA[record.via] || record.via} · request ${record.id} · ${record.durationMs} ms`,
      record.coldStartMs !== undefined ? ` (cold start ${record.coldStartMs} ms)` : "",
      record.build ? ` · build ${buildText(record.build)}` : "",
    ),
    el("div", { className: "bar" }, again, record.via === "fc-invoke" ? null : edit, result),
    part("event", "Event delivered", record.event ? el("pre", {}, JSON.stringify(record.event, null, 2)) : el("p", {}, record.noEvent || "none")),
    part("targets", "Targets", targetsView(record), record.deadLetter ? el("p", {}, `kept as a dead letter in: ${record.deadLetter}`) : null),
    part("answer", `Answer: HTTP ${record.answer.status}`, el("pre", {}, record.answer.body.text ?? record.answer.body.base64), pairsTable(record.answer.headers, "no headers")),
    part(
      "log",
      "Function log",
      record.lines.length
        ? el(
            "ol",
            { className: "lines" },
            record.lines.map((l) => el("li", { className: l.stream }, l.text)),
          )
        : el("p", { className: "hint" }, "no lines"),
    ),
    part("request", "Request", el("p", { className: "mono" }, `${record.method} ${record.path}`)),
    part("body", "Body", bodyView(record.body)),
    part("query", "Query", pairsTable(record.query, "no query")),
    part("headers", "Headers", pairsTable(record.headers, "no headers")),
  );
}

function resultView(output, answer) {
  const ok = answer.verdict.accepted;
  output.className = ok ? "ok" : "failed";
  output.replaceChildren(`${ok ? "✔ accepted" : `✘ ${answer.verdict.kind}: ${answer.verdict.detail}`} · HTTP ${answer.status}`);
  if (answer.requestId) {
    const open = el("a", { href: "#" }, `request ${answer.requestId}`);
    open.addEventListener("click", (event) => {
      event.preventDefault();
      showTab("requests");
      const tr = document.querySelector(`#requests tbody tr[data-id="${CSS.escape(answer.requestId)}"]`);
      if (tr) select(Number(tr.dataset.seq));
    });
    output.append(" · ", open);
  }
}

async function sendAgain(record, output) {
  output.textContent = "sending…";
  try {
    resultView(output, await postJson(`/requests/${record.seq}/resend`, {}));
  } catch (error) {
    output.className = "failed";
    output.textContent = error.message;
  }
}

function editAndSend(record) {
  state.mode = { seq: record.seq };
  const form = $("#send");
  form.body.value = record.body.json ?? record.body.text ?? "";
  $("#send-mode").replaceChildren(`Editing request ${record.id} (${record.fn}, ${record.method} ${record.path}): signed anew when sent. `, backToCatalog());
  $("#send-description").textContent = "";
  showTab("send");
}

function backToCatalog() {
  const link = el("a", { href: "#" }, "Back to the catalog");
  link.addEventListener("click", (event) => {
    event.preventDefault();
    freshBody().catch(showError);
  });
  return link;
}

// ---------------------------------------------------------------- the send form

async function loadCatalog() {
  const [{ callbacks }, routes] = await Promise.all([getJson("/callbacks"), fetch("/", { headers: { accept: "application/json" } }).then((r) => r.json())]);
  state.callbacks = callbacks;
  const form = $("#send");
  const byPlatform = new Map();
  for (const c of callbacks) byPlatform.set(c.platform, [...(byPlatform.get(c.platform) || []), c]);
  form.callback.replaceChildren(
    ...[...byPlatform].map(([platform, list]) =>
      el(
        "optgroup",
        { label: platform },
        list.map((c) => el("option", { value: c.name }, c.name)),
      ),
    ),
  );
  const fns = [...new Set(routes.routes.filter((r) => r.via !== "fc-invoke").map((r) => r.fn))];
  form.to.replaceChildren(...fns.map((fn) => el("option", { value: fn }, fn)));
  await freshBody();
}

/** A new build of the chosen callback: fresh ids, the function that serves it. */
async function freshBody() {
  state.mode = undefined;
  $("#send-mode").textContent = "";
  const form = $("#send");
  if (!form.callback.value) return;
  const built = await getJson(`/callbacks/${encodeURIComponent(form.callback.value)}`);
  if (form.callback.value !== built.name) return;
  form.body.value = built.pretty;
  form.to.value = built.fn;
  $("#send-description").textContent = `${built.description} · ${built.platform}`;
}

async function submitSend(event) {
  event.preventDefault();
  const form = $("#send");
  const output = $("#send-result");
  output.className = "";
  output.textContent = "sending…";
  const badSignature = form.badSignature.checked;
  try {
    const answer = state.mode
      ? await postJson(`/requests/${state.mode.seq}/resign`, { body: form.body.value, badSignature })
      : await postJson("/send", { callback: form.callback.value, to: form.to.value, via: form.via.value, body: form.body.value, badSignature });
    resultView(output, answer);
  } catch (error) {
    output.className = "failed";
    output.textContent = error.message;
  }
}

// ---------------------------------------------------------------- dead letters

async function loadLetters() {
  const body = $("#letters tbody");
  try {
    const { source, letters, unreadable } = await getJson("/letters");
    $("#letters-source").textContent = `${letters.length} in ${source}${unreadable ? ` (${unreadable} unreadable)` : ""}`;
    body.replaceChildren(
      ...letters.map((l) => {
        const replayOne = el("button", { type: "button" }, "Replay");
        replayOne.addEventListener("click", () => replayLetters({ ids: [l.id] }));
        return el(
          "tr",
          { dataset: { id: l.id } },
          el("td", { className: "mono" }, l.id),
          el("td", {}, l.at),
          el("td", {}, l.kind),
          el("td", {}, l.reason),
          el("td", {}, l.platform),
          el("td", {}, l.callback || ""),
          el("td", { className: "attempts" }, String(l.attempts)),
          el("td", {}, l.message, l.last ? el("div", { className: "hint" }, `last: ${l.last}`) : null),
          el("td", {}, l.mac),
          el("td", {}, replayOne),
        );
      }),
    );
  } catch (error) {
    $("#letters-source").textContent = error.message;
  }
}

async function replayLetters(which) {
  const out = $("#letters-result");
  out.replaceChildren(el("p", {}, "replaying…"));
  try {
    const { results } = await postJson("/letters/replay", which);
    out.replaceChildren(
      el("p", {}, `replayed ${results.length}`),
      el(
        "ul",
        {},
        results.map((r) => el("li", { className: r.status === "delivered" || r.status === "already delivered" ? "ok" : "failed" }, `${r.id}: ${r.status} — ${r.detail}`)),
      ),
    );
  } catch (error) {
    out.replaceChildren(el("p", { className: "failed" }, error.message));
  }
  await loadLetters();
}

// ---------------------------------------------------------------- tabs and start

function showTab(name) {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const on = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(on));
    document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
  }
  if (name === "letters") loadLetters();
}

function showError(error) {
  $("#counts").textContent = `error: ${error.message}`;
}

function start() {
  $("#address").textContent = location.host;
  for (const tab of document.querySelectorAll("[role=tab]")) tab.addEventListener("click", () => showTab(tab.id.slice(4)));
  const form = $("#filters");
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const name of ["fn", "platform", "verdict"]) form[name].addEventListener("change", () => reload().catch(showError));
  form.q.addEventListener("input", reloadSoon);
  const send = $("#send");
  send.addEventListener("submit", submitSend);
  send.callback.addEventListener("change", () => freshBody().catch(showError));
  $("#fresh").addEventListener("click", () => freshBody().catch(showError));
  $("#letters-refresh").addEventListener("click", () => loadLetters());
  $("#letters-all").addEventListener("click", () => replayLetters({ all: true }));
  getJson("/status").then((s) => showBuild(s.build), showError);
  loadCatalog().catch(showError);
  connect();
}

start();
