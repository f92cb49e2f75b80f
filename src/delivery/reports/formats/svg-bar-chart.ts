// Small horizontal bar charts drawn as SVG on the server, so the printable page needs no script and prints the same
// everywhere. One or two series per bar (e.g. delivered and failed); labels are escaped, values written by the caller.
import { escapeUTF8 } from "entities";

export type BarSeries = { name: string; color: string };
export type Bar = { label: string; values: number[] };

const labelWidth = 220;
const valueWidth = 90;
const barHeight = 16;
const rowGap = 6;

/** A chart of bars, one row per `bars` entry, each with one bar per series, scaled to the largest value. */
export const svgBarChart = (chart: { title: string; series: BarSeries[]; bars: Bar[]; format: (value: number) => string; width?: number }) => {
  const width = chart.width ?? 620;
  const plotWidth = width - labelWidth - valueWidth;
  const max = Math.max(0, ...chart.bars.flatMap((bar) => bar.values));
  const rowHeight = chart.series.length * barHeight + rowGap;
  const legendHeight = chart.series.length > 1 ? 22 : 0;
  const height = legendHeight + chart.bars.length * rowHeight + 4;
  const clip = (text: string) => (text.length > 34 ? `${text.slice(0, 33)}…` : text);
  const legend =
    chart.series.length > 1
      ? chart.series
          .map(
            (series, index) =>
              `<rect x="${labelWidth + index * 150}" y="4" width="12" height="12" fill="${series.color}"/><text x="${labelWidth + index * 150 + 18}" y="14" font-size="12">${escapeUTF8(series.name)}</text>`,
          )
          .join("")
      : "";
  const rows = chart.bars
    .map((bar, row) => {
      const top = legendHeight + row * rowHeight;
      const label = `<text x="${labelWidth - 8}" y="${top + (chart.series.length * barHeight) / 2 + 4}" font-size="13" text-anchor="end"><title>${escapeUTF8(bar.label)}</title>${escapeUTF8(clip(bar.label))}</text>`;
      const bars = bar.values
        .map((value, index) => {
          const length = max > 0 ? Math.max(value > 0 ? 1 : 0, (value / max) * plotWidth) : 0;
          const y = top + index * barHeight;
          return `<rect x="${labelWidth}" y="${y + 1}" width="${length.toFixed(1)}" height="${barHeight - 2}" fill="${chart.series[index]!.color}"/><text x="${(labelWidth + length + 4).toFixed(1)}" y="${y + barHeight - 3}" font-size="12">${escapeUTF8(chart.format(value))}</text>`;
        })
        .join("");
      return label + bars;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeUTF8(chart.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="Liberation Serif, Times New Roman, serif"><title>${escapeUTF8(chart.title)}</title>${legend}${rows}</svg>`;
};
