// Sanctions screening: names compared without diacritics, case, legal forms or word order; a shared
// identifier is decisive; a similar but different name stays below the threshold; bad lists are refused.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { nameSimilarity, sanctionsFindings, screenOrganisations } from "../../src/domain/sanctions.ts";
import { parseSanctionsList } from "../../src/services/sanctions-import.ts";

const DIR = resolve(import.meta.dirname, "../fixtures/sanctions");
const organisations = [
  { id: "org:buyer", name: "Demo Overseas Buyer Ltd", aliases: [] },
  { id: "org:hung-thinh", name: "Hưng Thịnh Mineral Investment Group JSC", aliases: ["Hưng Thịnh Group"] },
  {
    id: "org:trader",
    name: "Demo Trading Co.",
    aliases: ["Công ty TNHH Thương mại Demo"],
    taxId: "0101234567",
  },
];

describe("name similarity", () => {
  it("ignores diacritics, case, legal forms and word order", () => {
    expect(nameSimilarity("Demo Overseas Buyer Ltd", "DEMO OVERSEAS BUYER LIMITED")).toBe(1);
    expect(nameSimilarity("Tập đoàn Thái Dương", "Thai Duong Group JSC")).toBe(1);
    expect(nameSimilarity("Buyer Overseas Demo", "Demo Overseas Buyer")).toBe(1);
    // Two letters apart in 19: 1 − 2/19.
    expect(nameSimilarity("Demo Oversea Buyers Co.", "Demo Overseas Buyer Ltd")).toBeCloseTo(1 - 2 / 19, 12);
    expect(nameSimilarity("Hung Thinh Land", "Hưng Thịnh Group")).toBeCloseTo(1 - 5 / 15, 12);
  });
});

describe("screening a CSV list", () => {
  const entries = parseSanctionsList(readFileSync(resolve(DIR, "demo-list.csv")), "demo-list.csv");

  it("reads every column, splitting aliases and identifiers", () => {
    expect(entries).toHaveLength(6);
    expect(entries[0]).toMatchObject({
      name: "Demo Overseas Buyer Limited",
      aliases: ["DOB Ltd", "Demo Overseas Buying"],
      country: "CN",
      identifiers: [],
      list: "Demo Consolidated List (fictional)",
      programme: "export-control evasion",
      date: "2026-02-03",
    });
  });

  it("flags the exact and the near name and the shared identifier, not the similar different name", () => {
    const matches = screenOrganisations(organisations, entries);
    expect(
      matches.map((m) => [
        m.organisation,
        entries.find((e) => e.id === m.entry)?.name,
        Number(m.score.toFixed(4)),
      ]),
    ).toEqual([
      ["org:buyer", "Demo Overseas Buyer Limited", 1],
      ["org:trader", "Listed Under Another Name", 1],
      ["org:buyer", "Demo Oversea Buyers Co.", Number((1 - 2 / 19).toFixed(4))],
    ]);
    const findings = sanctionsFindings(matches, entries);
    expect(findings[1]?.message).toContain("shares identifier 0101234567");
    expect(findings.every((f) => f.code === "SANCTIONS_MATCH" && f.severity === "warning")).toBe(true);
    // A lower threshold brings the similar name to review: the threshold is the only difference.
    expect(
      screenOrganisations(organisations, entries, 0.6).some((m) => m.organisation === "org:hung-thinh"),
    ).toBe(true);
  });

  it("reads the JSON form", () => {
    const json = parseSanctionsList(readFileSync(resolve(DIR, "demo-list.json")), "demo-list.json");
    expect(screenOrganisations(organisations, json).map((m) => [m.organisation, m.score])).toEqual([
      ["org:trader", 1],
    ]);
  });
});

describe("bad lists", () => {
  it.each([
    ["missing columns", "alias,country\nX,VN\n", "missing columns name, list"],
    ["a missing column", "name,country\nX,VN\n", "missing column list"],
    ["an unknown column", "name,list,sector\nX,L,mining\n", "unknown column sector"],
    ["an empty name", "name,list\n,L\n", "row 1.name: required"],
    [
      "a bad country",
      "name,list,country\nX,L,Vietnam\n",
      'row 1.country: "VIETNAM" is not an ISO 3166 two-letter code',
    ],
    ["a bad date", "name,list,date\nX,L,03/02/2026\n", 'row 1.date: "03/02/2026" is not YYYY-MM-DD'],
    ["an empty file", "", "the list is empty"],
    ["JSON that is not a list", '{"name": "X"}', "a JSON list is an array of objects"],
  ])("refuses %s", (_what, text, message) => {
    expect(() => parseSanctionsList(Buffer.from(text), "list.csv")).toThrow(message);
  });
  it("refuses a binary file", () => {
    expect(() => parseSanctionsList(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]), "list.xlsx")).toThrow(
      "list.xlsx: a binary file, not a CSV or JSON list",
    );
  });
});
