// Reads a /metrics answer in the Prometheus text format (0.0.4), strictly: every family is declared by HELP and TYPE
// before its samples, every sample line is `name{label="value",...} number`, label values unescaped, no series twice,
// and a histogram's buckets only grow and end at +Inf equal to its count. (parse-prometheus-text-format, the npm
// parser, drops a histogram's labels, sum and count when `le` is not its last label, as prom-client writes it.)
import { expect } from "vitest";

export type Sample = { name: string; labels: Record<string, string>; value: number };
export type Family = { name: string; help: string; type: string; samples: Sample[] };

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const labelPair = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"/;
const numberText = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$/;

const parseSample = (line: string): Sample => {
  const name = metricName.exec(line)?.[0];
  if (!name) throw new Error(`no metric name: ${line}`);
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith("{")) {
    rest = rest.slice(1);
    while (!rest.startsWith("}")) {
      const pair = labelPair.exec(rest);
      if (!pair) throw new Error(`bad label in: ${line}`);
      if (pair[1]! in labels) throw new Error(`label ${pair[1]} twice in: ${line}`);
      labels[pair[1]!] = pair[2]!.replace(/\\(["\\n])/g, (_, escaped: string) => (escaped === "n" ? "\n" : escaped));
      rest = rest.slice(pair[0].length);
      if (rest.startsWith(",")) rest = rest.slice(1);
      else if (!rest.startsWith("}")) throw new Error(`bad label list in: ${line}`);
    }
    rest = rest.slice(1);
  }
  const value = /^ (\S+)$/.exec(rest)?.[1];
  if (!value || !numberText.test(value)) throw new Error(`bad value in: ${line}`);
  return { name, labels, value: Number(value.replace("Inf", "Infinity")) };
};

const labelKey = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
const sameLabels = (a: Record<string, string>, b: Record<string, string>) => labelKey(a) === labelKey(b);
const without = (labels: Record<string, string>, name: string) => Object.fromEntries(Object.entries(labels).filter(([key]) => key !== name));

export type Scrape = {
  families: Family[];
  /** a gauge's or counter's value for exactly these labels; 0 when the series is absent */
  value: (name: string, labels?: Record<string, string>) => number;
  /** a histogram series for exactly these labels (le aside); all 0 when absent */
  histogram: (name: string, labels: Record<string, string>) => { count: number; sum: number; buckets: Record<string, number> };
  /** every label set of a family's series (le aside) */
  labelSets: (name: string) => Record<string, string>[];
};

export const parseScrape = (text: string): Scrape => {
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  let current: Family | undefined;
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      const family = families.get(name) ?? { name, help: "", type: "", samples: [] };
      families.set(name, family);
      if (kind === "HELP") family.help = rest;
      else {
        expect(["counter", "gauge", "histogram", "summary", "untyped"]).toContain(rest);
        family.type = rest;
      }
      current = family;
      continue;
    }
    if (line.startsWith("#")) continue;
    const sample = parseSample(line);
    const suffixes = current?.type === "histogram" ? ["_bucket", "_sum", "_count"] : current?.type === "counter" ? ["", "_total"] : [""];
    expect(current, `sample before any HELP/TYPE: ${line}`).toBeDefined();
    expect(
      suffixes.map((suffix) => `${current!.name}${suffix}`),
      `${sample.name} outside its family`,
    ).toContain(sample.name);
    expect(current!.help, `${current!.name} has no HELP`).not.toBe("");
    const key = `${sample.name}${labelKey(sample.labels)}`;
    expect(seen.has(key), `${key} twice`).toBe(false);
    seen.add(key);
    current!.samples.push(sample);
  }

  const seriesOf = (family: Family) => {
    const series = new Map<string, { labels: Record<string, string>; count: number; sum: number; buckets: Record<string, number> }>();
    for (const sample of family.samples) {
      const labels = without(sample.labels, "le");
      const key = labelKey(labels);
      const entry = series.get(key) ?? { labels, count: 0, sum: 0, buckets: {} };
      series.set(key, entry);
      if (sample.name.endsWith("_bucket")) entry.buckets[sample.labels.le!] = sample.value;
      else if (sample.name.endsWith("_sum")) entry.sum = sample.value;
      else if (sample.name.endsWith("_count")) entry.count = sample.value;
    }
    return [...series.values()];
  };
  for (const family of families.values()) {
    if (family.type !== "histogram") continue;
    for (const series of seriesOf(family)) {
      const counts = Object.entries(series.buckets)
        .map(([le, count]) => [le === "+Inf" ? Infinity : Number(le), count] as const)
        .sort(([a], [b]) => a - b);
      expect(counts.at(-1)?.[0], `${family.name} ends at +Inf`).toBe(Infinity);
      expect(counts.at(-1)?.[1], `${family.name} +Inf is its count`).toBe(series.count);
      for (let index = 1; index < counts.length; index++) expect(counts[index]![1]).toBeGreaterThanOrEqual(counts[index - 1]![1]);
    }
  }

  return {
    families: [...families.values()],
    value: (name, labels = {}) => families.get(name)?.samples.find((sample) => sameLabels(sample.labels, labels))?.value ?? 0,
    histogram: (name, labels) => {
      const family = families.get(name);
      return (family && seriesOf(family).find((series) => sameLabels(series.labels, labels))) ?? { count: 0, sum: 0, buckets: {} };
    },
    labelSets: (name) => {
      const family = families.get(name);
      return family ? (family.type === "histogram" ? seriesOf(family).map((series) => series.labels) : family.samples.map((sample) => sample.labels)) : [];
    },
  };
};
