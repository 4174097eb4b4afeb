// EPC URNs and GS1 Digital Links reduce to one canonical Digital Link.
import { describe, expect, it } from "vitest";
import { canonicalIdentifier, gs1CheckDigit } from "../../src/standards/epcis/identifiers.ts";

describe("canonicalIdentifier", () => {
  it.each([
    ["urn:epc:class:lgtin:4012345.012345.998877", "https://id.gs1.org/01/04012345123456/10/998877"],
    ["urn:epc:id:sgtin:0614141.107346.2018", "https://id.gs1.org/01/10614141073464/21/2018"],
    ["urn:epc:id:sscc:4012345.0000000333", "https://id.gs1.org/00/040123450000003338"],
    ["urn:epc:id:sgln:4012345.00011.987", "https://id.gs1.org/414/4012345000115/254/987"],
    ["urn:epc:id:sgln:4012345.00011.0", "https://id.gs1.org/414/4012345000115"],
    ["urn:epc:id:pgln:4012345.00000", "https://id.gs1.org/417/4012345000009"],
    ["urn:epc:id:gdti:4012345.11111.123", "https://id.gs1.org/253/4012345111118123"],
    ["urn:epc:id:giai:4000001.111", "https://id.gs1.org/8004/4000001111"],
    ["https://example.com/01/4012345123456/10/998877?x=1", "https://id.gs1.org/01/04012345123456/10/998877"],
    ["https://id.gs1.org/01/04012345123456/10/998877", "https://id.gs1.org/01/04012345123456/10/998877"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalIdentifier(input)).toBe(expected);
  });

  it("leaves identifiers that are no GS1 key as they are", () => {
    expect(canonicalIdentifier("urn:uuid:3f0e1a4e-0000-4000-8000-000000000000")).toBe(
      "urn:uuid:3f0e1a4e-0000-4000-8000-000000000000",
    );
  });

  it("computes GS1 check digits", () => {
    expect(gs1CheckDigit("401234500000")).toBe("9");
    expect(gs1CheckDigit("0401234512345")).toBe("6");
  });
});
