// "Use this" on the translation page: which part of a field a proposal replaces.
import { describe, expect, it } from "vitest";
import { useProposal } from "../../../src/http/console/use-proposal.ts";

const choice = { source: "Xin cảm ơn.", candidates: ["[lo] Xin cảm ơn.", "ຂອບໃຈ."], sourceField: "Cửa khẩu mở cửa.\nXin cảm ơn." };

describe("useProposal", () => {
  it("starts an empty field from the source field with the sentence translated, keeping its lines", () => {
    expect(useProposal("", choice, "ຂອບໃຈ.")).toBe("Cửa khẩu mở cửa.\nຂອບໃຈ.");
  });
  it("replaces another proposal of the same sentence, or the untranslated source sentence, and nothing else", () => {
    expect(useProposal("ດ່ານເປີດ.\n[lo] Xin cảm ơn.", choice, "ຂອບໃຈ.")).toBe("ດ່ານເປີດ.\nຂອບໃຈ.");
    expect(useProposal("ດ່ານເປີດ.\nXin cảm ơn.", choice, "ຂອບໃຈ.")).toBe("ດ່ານເປີດ.\nຂອບໃຈ.");
    expect(useProposal("ຂອບໃຈ. ດ່ານເປີດ.", choice, "ຂອບໃຈ.")).toBe("ຂອບໃຈ. ດ່ານເປີດ.");
  });
  it("adds the proposal at the end of a field that holds none of the sentence's texts", () => {
    expect(useProposal("ດ່ານເປີດ.  ", choice, "ຂອບໃຈ.")).toBe("ດ່ານເປີດ. ຂອບໃຈ.");
  });
  it("takes a replacement text literally ($ patterns mean nothing)", () => {
    expect(useProposal("Xin cảm ơn.", choice, "$& $1")).toBe("$& $1");
  });
});
