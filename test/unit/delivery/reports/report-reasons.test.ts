// Reason codes in every report format are named in the reader's words (the console's), with the code kept beside
// the name for machines (CSV, Excel) and a partner's own code shown as the code it sent.
import { describe, expect, it } from "vitest";
import { figureTables } from "../../../../src/delivery/reports/formats/report-tables.ts";
import { reasonName, reportWords } from "../../../../src/delivery/reports/formats/report-words.ts";
import { writeReport } from "../../../../src/delivery/reports/formats/write-report.ts";
import { deliveryReasons } from "../../../../src/domain/index.ts";
import { buildReportFixture, buildReportSettings } from "../../../helpers/report-fixture.ts";

const report = buildReportFixture();
const settings = buildReportSettings();

describe("reason codes in reports", () => {
  it("names every known code in Vietnamese and English, and a partner's own code as a code", () => {
    for (const language of ["vi", "en"] as const) {
      const words = reportWords(language);
      for (const code of deliveryReasons) {
        const name = reasonName(words, code);
        // words, not the code nor the missing key's path
        expect(name, `${language} ${code}`).not.toBe(code);
        expect(name, `${language} ${code}`).not.toMatch(/_|delivery\.reasons/);
      }
    }
    expect(reasonName(reportWords("vi"), "withdrawn")).toBe("Bản tin đã thu hồi");
    expect(reasonName(reportWords("en"), "superseded")).toBe("Replaced by a correction");
    expect(reasonName(reportWords("vi"), "partner:number_blocked")).toBe("Mã partner:number_blocked");
  });

  it("gives the reasons table the code and the name; the printable page shows the name, not the code", async () => {
    const reasons = figureTables(reportWords("en"), report, "actual").find((table) => table.id === "reasons")!;
    expect(reasons.columns.map((column) => column.key)).toEqual(["key", "reason", "rejected", "cancelled"]);
    expect(reasons.rows[0]).toMatchObject({ key: "withdrawn", reason: "Bulletin withdrawn" });
    const html = String((await writeReport(report, { format: "html", language: "vi", settings })).body);
    expect(html).toContain("<td>Bản tin đã thu hồi</td>");
    expect(html).not.toContain("<td>withdrawn</td>");
    const csv = String((await writeReport(report, { format: "csv", language: "en", settings })).body);
    expect(csv).toMatch(/withdrawn,.*Bulletin withdrawn/);
  });
});
