// A hand-written SVG bar chart: one bar per target, its length the headroom (measured value
// relative to the target, oriented so 1 or more passes) on a log scale, green for PASS and red
// for MISS, with the target line at 1.

const width = 960;
const labelWidth = 360;
const rowHeight = 30;
const top = 56;
const plotLeft = labelWidth + 10;
const plotWidth = width - plotLeft - 130;
const minLog = -2; // 0.01x
const maxLog = 3; // 1000x

const escapeXml = (text) =>
  String(text).replace(
    /[<>&"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c],
  );

const x = (value) => {
  const log = Math.min(maxLog, Math.max(minLog, Math.log10(Math.max(value, 1e-9))));
  return plotLeft + ((log - minLog) / (maxLog - minLog)) * plotWidth;
};

/** The chart for `targets` with a headroom; pass/fail-only targets are listed under it. */
export function renderChart(targets, subtitle) {
  const bars = targets.filter((t) => typeof t.headroom === "number" && Number.isFinite(t.headroom));
  const others = targets.filter((t) => !bars.includes(t));
  const height = top + bars.length * rowHeight + 50 + others.length * 18;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img">`,
    "<title>entrakit benchmarks: headroom against each target</title>",
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="16" font-weight="bold">entrakit benchmarks: headroom against each target (log scale, 1 = target)</text>`,
    `<text x="12" y="40" fill="#555">${escapeXml(subtitle)}</text>`,
  ];
  for (let log = minLog; log <= maxLog; log++) {
    const gx = x(10 ** log);
    parts.push(
      `<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${top + bars.length * rowHeight}" stroke="${log === 0 ? "#222" : "#ddd"}" stroke-width="${log === 0 ? 2 : 1}"/>`,
      `<text x="${gx}" y="${top + bars.length * rowHeight + 16}" text-anchor="middle" fill="#555">${10 ** log}x</text>`,
    );
  }
  bars.forEach((t, i) => {
    const y = top + i * rowHeight;
    const color = t.result === "PASS" ? "#2e7d32" : "#c62828";
    const x0 = x(1);
    const x1 = x(t.headroom);
    parts.push(
      `<text x="${labelWidth}" y="${y + 18}" text-anchor="end">${escapeXml(`${t.row}. ${t.label}`)}</text>`,
      `<rect x="${Math.min(x0, x1)}" y="${y + 6}" width="${Math.max(2, Math.abs(x1 - x0))}" height="${rowHeight - 12}" fill="${color}"/>`,
      `<text x="${plotLeft + plotWidth + 8}" y="${y + 18}" fill="${color}" font-weight="bold">${t.result} ${escapeXml(formatHeadroom(t.headroom))}</text>`,
    );
  });
  others.forEach((t, i) => {
    const color = t.result === "PASS" ? "#2e7d32" : "#c62828";
    parts.push(
      `<text x="12" y="${top + bars.length * rowHeight + 40 + i * 18}" fill="${color}" font-weight="bold">${t.result}: ${escapeXml(`${t.row}. ${t.target} (measured ${t.measured})`)}</text>`,
    );
  });
  parts.push(
    `<text x="12" y="${height - 10}" fill="#555">Left of the black line: target missed. Bar = measured value relative to the target; the numbers are in bench/RESULTS.md of the same run.</text>`,
    "</svg>",
  );
  return `${parts.join("\n")}\n`;
}

function formatHeadroom(value) {
  if (value >= 100) return `${value.toFixed(0)}x`;
  if (value >= 10) return `${value.toFixed(1)}x`;
  return `${value.toFixed(2)}x`;
}
