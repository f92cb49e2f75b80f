// The Atom feed hubs read: well-formed Atom 1.0 in the given order, text kept as text (escaped once), each entry
// linking its CAP document.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildAtom, type AtomEntry } from "../../../../src/channels/cap/index.ts";

const xmllint = "/usr/bin/xmllint";
const dir = mkdtempSync(path.join(tmpdir(), "bantin-atom-"));

const entry = (id: string, title: string): AtomEntry => ({
  id: `urn:uuid:${id}`,
  title,
  summary: `Tóm tắt "${title}" & <1 km`,
  language: "vi",
  published: new Date("2026-09-14T01:00:00.123Z"),
  updated: new Date("2026-09-14T01:00:00.123Z"),
  categories: [{ scheme: "https://bantin.example/public/v1/alerts.atom#category", term: "weather" }],
  capUrl: `https://bantin.example/public/v1/alerts/${id}.xml`,
});

describe("Atom feed", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const feed = buildAtom({
    id: "https://bantin.example/public/v1/alerts.atom",
    title: "bantin: bulletins in force",
    selfUrl: "https://bantin.example/public/v1/alerts.atom",
    author: "bantin",
    updated: new Date("2026-09-14T02:00:00Z"),
    entries: [entry("b", "Bão số 5 & mưa lớn <b>ngay</b> &amp; ]]>"), entry("a", "Cầu Treo")],
  });

  it.skipIf(!existsSync(xmllint))("is well-formed XML", () => {
    const file = path.join(dir, "feed.xml");
    writeFileSync(file, feed);
    expect(() => execFileSync(xmllint, ["--noout", "--nonet", file], { stdio: "pipe" })).not.toThrow();
  });

  it("has the feed's id, title, updated, self link and author, then the entries in the given order", () => {
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(feed).toContain("<updated>2026-09-14T02:00:00Z</updated>");
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://bantin.example/public/v1/alerts.atom"/>');
    expect(feed).toMatch(/<author>\s*<name>bantin<\/name>\s*<\/author>/);
    expect(feed.indexOf("urn:uuid:b")).toBeLessThan(feed.indexOf("urn:uuid:a"));
  });

  it("keeps titles and summaries as text, escaped once", () => {
    expect(feed).toContain('<title type="text">Bão số 5 &amp; mưa lớn &lt;b&gt;ngay&lt;/b&gt; &amp;amp; ]]&gt;</title>');
    expect(feed).toContain('<summary type="text">Tóm tắt "Cầu Treo" &amp; &lt;1 km</summary>');
    expect(feed).not.toContain("<b>");
  });

  it("links each entry's CAP document, with its dates, language and category", () => {
    expect(feed).toMatch(
      /<entry xml:lang="vi">\s*<id>urn:uuid:a<\/id>[\s\S]*<published>2026-09-14T01:00:00Z<\/published>\s*<updated>2026-09-14T01:00:00Z<\/updated>[\s\S]*<category scheme="[^"]+#category" term="weather"\/>\s*<link rel="alternate" type="application\/cap\+xml" href="https:\/\/bantin\.example\/public\/v1\/alerts\/a\.xml"\/>/,
    );
  });
});
