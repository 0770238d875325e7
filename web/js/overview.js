import { api } from "./api.js";
import { h, LEVELS } from "./dom.js";

export async function loadOverview() {
  const [stats, timeline] = await Promise.all([api("/api/stats"), api("/api/timeline")]);
  drawTimeline(timeline);
  document.getElementById("overview-total").textContent =
    stats.records === 0 ? "Your vault is empty: import an archive to begin." : `Your vault holds ${stats.records.toLocaleString()} records.`;
  const rows = (counts) => Object.entries(counts).map(([name, n]) => h("tr", {}, h("th", { scope: "row" }, name), h("td", { class: "number" }, n.toLocaleString())));
  document.getElementById("by-platform").replaceChildren(...rows(stats.by_platform));
  document.getElementById("by-kind").replaceChildren(...rows(stats.by_kind));
  document.getElementById("by-level").replaceChildren(
    ...stats.by_level.map((level) =>
      h("tr", {}, h("th", { scope: "row" }, `${level.level} ${LEVELS[level.level]}`), h("td", { class: "number" }, level.fields.toLocaleString()), h("td", { class: "number" }, level.records.toLocaleString())),
    ),
  );
}

/** Colours come from the style sheet's `.series-N` classes (the page's CSP allows no inline styles). */
const COLOURS = 8;
const CHART = { width: 720, height: 220, top: 16, bottom: 28, left: 44 };

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** Every period from the first to the last, gaps included, so the axis is time and not a list. */
function periodsBetween(first, last, bucket) {
  const periods = [];
  let [year, month] = first.split("-").map(Number);
  for (;;) {
    const period = bucket === "year" ? String(year) : `${year}-${String(month).padStart(2, "0")}`;
    periods.push(period);
    if (period >= last) return periods;
    if (bucket === "year" || month === 12) [year, month] = [year + 1, 1];
    else month++;
  }
}

/**
 * Records per month (or year) stacked by platform, as bars; the same numbers as a table for
 * screen readers and for reading exact values.
 */
function drawTimeline({ bucket, counts }) {
  const figure = document.getElementById("timeline");
  figure.hidden = counts.length === 0;
  if (counts.length === 0) return;
  const totals = new Map();
  for (const { platform, records } of counts) totals.set(platform, (totals.get(platform) ?? 0) + records);
  // The biggest platforms get their own colour; the rest share one.
  const named = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a)).slice(0, COLOURS - 1);
  const group = (platform) => (named.includes(platform) ? platform : "other");
  const groups = [...named, ...(totals.size > named.length ? ["other"] : [])];
  const periods = periodsBetween(counts[0].period, counts.at(-1).period, bucket);
  const cell = new Map();
  for (const { period, platform, records } of counts) {
    const key = `${period}|${group(platform)}`;
    cell.set(key, (cell.get(key) ?? 0) + records);
  }
  const periodTotal = (period) => groups.reduce((sum, name) => sum + (cell.get(`${period}|${name}`) ?? 0), 0);
  const highest = Math.max(...periods.map(periodTotal));

  const { width, height, top, bottom, left } = CHART;
  const plotHeight = height - top - bottom;
  const slot = (width - left) / periods.length;
  const bars = periods.flatMap((period, index) => {
    let y = height - bottom;
    return groups.flatMap((name, colour) => {
      const records = cell.get(`${period}|${name}`) ?? 0;
      if (records === 0) return [];
      const barHeight = (records / highest) * plotHeight;
      y -= barHeight;
      return [svg("rect", { x: left + index * slot + slot * 0.1, y, width: Math.max(slot * 0.8, 0.5), height: barHeight, class: `series-${colour}` }, svg("title", {}, `${period} · ${name}: ${records.toLocaleString()} records`))];
    });
  });
  const label = (x, y, text, anchor = "middle") => svg("text", { x, y, "text-anchor": anchor, class: "axis" }, text);
  const ticks = [...new Set([0, Math.floor(periods.length / 2), periods.length - 1])].map((index) => label(left + (index + 0.5) * slot, height - 8, periods[index]));
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "timeline-caption" },
    svg("line", { x1: left, x2: width, y1: height - bottom, y2: height - bottom, class: "axis-line" }),
    label(left - 6, top + 4, highest.toLocaleString(), "end"),
    label(left - 6, height - bottom, "0", "end"),
    ...bars,
    ...ticks,
  );
  const per = bucket === "year" ? "year" : "month";
  document.getElementById("timeline-caption").textContent = `Activity over time: records per ${per} and platform, ${periods[0]} to ${periods.at(-1)}`;
  document.getElementById("timeline-chart").replaceChildren(chart);
  document.getElementById("timeline-legend").replaceChildren(...groups.map((name, colour) => h("li", {}, h("span", { class: `swatch series-${colour}` }), ` ${name}`)));
  document.getElementById("timeline-table").replaceChildren(
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, per), ...groups.map((name) => h("th", { scope: "col", class: "number" }, name)))),
    h(
      "tbody",
      {},
      periods.filter((period) => periodTotal(period) > 0).map((period) => h("tr", {}, h("th", { scope: "row" }, period), ...groups.map((name) => h("td", { class: "number" }, (cell.get(`${period}|${name}`) ?? 0).toLocaleString())))),
    ),
  );
}
