// The replay page's script (--html): moves a cursor through the run and shows, at its time,
// the lines printed so far and each task's state. Plain code, no library; it reads the run
// reports and the page data the program embedded, and never touches the network.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("replay-data").textContent);
  const embedded = JSON.parse(document.getElementById("report").textContent);
  const reports = Array.isArray(embedded) ? embedded : [embedded];
  const axis = data.axis;
  const end = axis.end;
  const events = data.events;
  const root = document.documentElement;
  const body = document.body;
  const $ = (id) => document.getElementById(id);
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)");

  // The cursor and a veil over what has not happened yet, drawn into the picture itself.
  const svg = document.querySelector("#picture svg");
  const NS = "http://www.w3.org/2000/svg";
  const veil = document.createElementNS(NS, "rect");
  veil.setAttribute("class", "veil");
  veil.setAttribute("y", axis.top - 4);
  veil.setAttribute("height", axis.bottom - axis.top + 4);
  const cursor = document.createElementNS(NS, "line");
  cursor.setAttribute("class", "cursor");
  cursor.setAttribute("y1", axis.top - 8);
  cursor.setAttribute("y2", axis.bottom + 8);
  svg.insertBefore(veil, svg.querySelector("g.axis"));
  svg.appendChild(cursor);

  const lines = Array.from(document.querySelectorAll("#lines li"));
  const rows = Array.from(document.querySelectorAll("#tasks li.task"));
  const x = (t) => axis.x0 + (Math.min(Math.max(t, 0), end) / (end > 0 ? end : 1)) * (axis.x1 - axis.x0);
  const format = (t) => t.toFixed(3).replace(".", data.decimal) + " " + data.unit;

  // A task's state at time t: the segment under the cursor, else how it ended once it has,
  // else ready (created, waiting for its turn on the loop). A task still waiting when the run
  // stopped (a deadlock) keeps its last wait at the very end.
  function stateAt(run, index, t) {
    const report = reports[run];
    const task = report.tasks[index];
    if (t < task.created) return { id: "absent" };
    const segments = task.segments;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      const last = i === segments.length - 1 && task.finished === null && s.end >= report.elapsed;
      if (s.start <= t && (t < s.end || (last && t >= s.end)))
        return { id: data.looks[run][index][i], segment: s.kind, on: s.on || "" };
    }
    if (task.finished !== null && t >= task.finished && task.state !== "pending")
      return { id: task.state };
    return { id: "ready" };
  }

  // Scrolls the list of lines, never the page, so that the newest line shows.
  function keepInView(li) {
    const list = $("lines");
    const top = li.offsetTop - list.offsetTop;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + li.offsetHeight > list.scrollTop + list.clientHeight)
      list.scrollTop = top + li.offsetHeight - list.clientHeight;
  }

  let time = 0;
  let playing = false;
  let last = null;

  function show(t) {
    time = Math.min(Math.max(t, 0), end);
    const atEnd = time >= end;
    const cx = x(time);
    cursor.setAttribute("x1", cx);
    cursor.setAttribute("x2", cx);
    veil.setAttribute("x", cx + 2);
    veil.setAttribute("width", atEnd ? 0 : Math.max(0, axis.x1 + 24 - cx));
    let current = null;
    for (const li of lines) {
      const later = Number(li.dataset.t) > time + 1e-9;
      li.classList.toggle("later", later);
      li.classList.remove("current");
      if (!later) current = li;
    }
    if (current) {
      const at = current.dataset.t;
      for (const li of lines) if (li.dataset.t === at && !li.classList.contains("later")) li.classList.add("current");
      keepInView(current);
    }
    for (const row of rows) {
      const state = stateAt(Number(row.dataset.run), Number(row.dataset.index), time);
      row.dataset.state = state.id;
      row.dataset.segment = state.segment || "";
      row.dataset.on = state.on || "";
      const cell = row.querySelector(".state");
      cell.textContent = data.states.words[state.id] || state.id;
      cell.style.setProperty("--c", data.states.colours[state.id] || "transparent");
    }
    $("summary").hidden = !atEnd;
    $("notice").hidden = !atEnd;
    $("clock").textContent = format(time);
    $("scrubber").value = end > 0 ? Math.round((time / end) * 1000) : 1000;
    body.dataset.time = String(time);
  }

  function setPlaying(on) {
    playing = on;
    last = null;
    const button = $("play");
    button.firstChild.textContent = on ? "❚❚ " : "▶ ";
    button.querySelector("span").textContent = on ? data.pause : data.play;
    if (on) requestAnimationFrame(tick);
  }

  // At 1× the lesson's seconds pass as real ones, stretched to at least 4 s and squeezed to at
  // most 30 s for the whole run, so that a fast run can be followed and a long one waited for.
  function pace() {
    const whole = Math.min(Math.max(end, 4), 30);
    return (end > 0 ? end / whole : 1) * Number($("speed").value);
  }

  let stepDue = 0;
  function tick(now) {
    if (!playing) return;
    if (last === null) last = now;
    const dt = (now - last) / 1000;
    last = now;
    if (reduced.matches) {
      // No gliding cursor: one event at a time, a second apart at 1×.
      stepDue += dt * Number($("speed").value);
      if (stepDue >= 1) {
        stepDue = 0;
        show(nextEvent());
      }
    } else {
      show(time + dt * pace());
    }
    if (time >= end) {
      setPlaying(false);
      return;
    }
    requestAnimationFrame(tick);
  }

  const nextEvent = () => events.find((e) => e > time + 1e-9) ?? end;
  function previousEvent() {
    for (let i = events.length - 1; i >= 0; i--) if (events[i] < time - 1e-9) return events[i];
    return 0;
  }
  const go = (t) => { setPlaying(false); show(t); };
  const togglePlay = () => {
    if (!playing && time >= end) show(0);
    setPlaying(!playing);
  };
  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else if (root.requestFullscreen) root.requestFullscreen().catch(() => {});
  }
  function toggleTheme() {
    const dark = root.dataset.theme ? root.dataset.theme === "dark"
      : window.matchMedia("(prefers-color-scheme: dark)").matches;
    root.dataset.theme = dark ? "light" : "dark";
  }

  $("play").addEventListener("click", togglePlay);
  $("start").addEventListener("click", () => go(0));
  $("end").addEventListener("click", () => go(end));
  $("next").addEventListener("click", () => go(nextEvent()));
  $("previous").addEventListener("click", () => go(previousEvent()));
  $("theme").addEventListener("click", toggleTheme);
  $("fullscreen").addEventListener("click", toggleFullscreen);
  $("scrubber").addEventListener("input", (e) => go((Number(e.target.value) / 1000) * end));
  window.addEventListener("beforeprint", () => go(end));

  const keys = {
    " ": togglePlay,
    ArrowRight: () => go(nextEvent()), PageDown: () => go(nextEvent()),
    ArrowLeft: () => go(previousEvent()), PageUp: () => go(previousEvent()),
    Home: () => go(0), End: () => go(end),
    f: toggleFullscreen, F: toggleFullscreen, t: toggleTheme, T: toggleTheme,
  };
  window.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.target instanceof HTMLSelectElement && e.key !== " ") return;
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  }, true);

  show(0);
})();
