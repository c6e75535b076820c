/**
 * A horizontal bar chart of time ratios (ours / other engine) per kernel, as a standalone SVG.
 * Log scale centred on 1 so "2x faster" and "2x slower" are equally long; hand-written, no deps.
 */

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  /** Ratio per kernel (same order as the kernel names); NaN is left out. */
  readonly ratios: readonly number[];
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function ratioChart(title: string, kernels: readonly string[], series: readonly ChartSeries[]): string {
  const left = 110, right = 30, top = 50, barH = 12, gap = 8;
  const groupH = series.length * barH + gap;
  const plotW = 560;
  const width = left + plotW + right;
  const height = top + kernels.length * groupH + 60;
  const all = series.flatMap((s) => s.ratios).filter((r) => Number.isFinite(r) && r > 0);
  const maxLog = Math.max(1, ...all.map((r) => Math.ceil(Math.abs(Math.log10(r)))));
  const x = (r: number): number => left + ((Math.log10(r) + maxLog) / (2 * maxLog)) * plotW;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>`);
  for (let p = -maxLog; p <= maxLog; p++) {
    const gx = x(10 ** p);
    out.push(`<line x1="${gx}" y1="${top - 5}" x2="${gx}" y2="${height - 50}" stroke="${p === 0 ? '#000' : '#ddd'}"/>`);
    out.push(`<text x="${gx}" y="${height - 36}" text-anchor="middle">${p < 0 ? '1/' + 10 ** -p : String(10 ** p)}x</text>`);
  }
  kernels.forEach((k, i) => {
    const gy = top + i * groupH;
    out.push(`<text x="${left - 6}" y="${gy + (series.length * barH) / 2 + 4}" text-anchor="end">${esc(k)}</text>`);
    series.forEach((s, j) => {
      const r = s.ratios[i]!;
      if (!Number.isFinite(r) || r <= 0) return;
      const x0 = x(1), x1 = x(r);
      const y = gy + j * barH;
      out.push(`<rect x="${Math.min(x0, x1).toFixed(1)}" y="${y}" width="${Math.abs(x1 - x0).toFixed(1)}" height="${barH - 2}" fill="${s.color}"><title>${esc(s.label)}: ${r.toFixed(3)}</title></rect>`);
    });
  });
  const ly = height - 18;
  series.forEach((s, j) => {
    const lx = left + j * 200;
    out.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${s.color}"/>`);
    out.push(`<text x="${lx + 14}" y="${ly}">${esc(s.label)}</text>`);
  });
  out.push(`<text x="${left}" y="${top - 10}" fill="#555">left of 1x: ours is faster; right: ours is slower (log scale)</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
