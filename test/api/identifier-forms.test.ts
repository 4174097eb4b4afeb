// Over real HTTP: findings name a lot as its capture wrote it (an LGTIN URN here), with the canonical Digital
// Link beside it, and the subject filter takes either form. On every backend.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAndRecord } from "../../src/services/evaluate.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { openTestApi, SITES, type TestApi } from "../helpers/api.ts";
import { chainDocument } from "../helpers/chain.ts";
import { BACKENDS } from "../helpers/ledgers.ts";

const LOT = "urn:epc:class:lgtin:8930000.000011.URN-LOT-7";
const NOW = new Date("2026-06-01T00:00:00Z");

function document() {
  const at = (day: string, extra: object) => ({
    type: "ObjectEvent",
    eventTime: `${day}T08:00:00+07:00`,
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    quantityList: [{ epcClass: LOT, quantity: 100, uom: "TNE" }],
    ...extra,
  });
  return chainDocument([
    at("2026-05-01", { action: "ADD", bizStep: "commissioning", bizLocation: { id: SITES.mineA } }),
    // 150 t shipped of a lot of which 100 t were made: the mine's stock of it goes below zero.
    {
      ...at("2026-05-02", {
        action: "OBSERVE",
        bizStep: "shipping",
        readPoint: { id: SITES.mineA },
        sourceList: [{ type: "location", source: SITES.mineA }],
        destinationList: [{ type: "location", destination: SITES.mineB }],
      }),
      quantityList: [{ epcClass: LOT, quantity: 150, uom: "TNE" }],
    },
  ]);
}

for (const backend of BACKENDS) {
  describe(`findings in the identifier form of the capture, over HTTP (${backend})`, () => {
    let api: TestApi;
    let base: string;
    beforeAll(async () => {
      api = await openTestApi(backend);
      const report = await captureDocument(
        api.t.ledger,
        { document: document(), organisation: "urn:lodestone:org:test" },
        { now: () => NOW, newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
      await evaluateAndRecord(api.t.ledger, NOW);
      await api.app.listen({ host: "127.0.0.1", port: 0 });
      base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await api.app.close();
      await api.t.dispose();
    });
    const get = async (path: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${api.tokens.admin}` } });

    it("names the lot by its URN, gives the Digital Link as canonical, and finds it by either", async () => {
      for (const subject of [LOT, canonicalIdentifier(LOT)]) {
        const res = await get(`/findings?code=INVENTORY_NEGATIVE&subject=${encodeURIComponent(subject)}`);
        expect(res.status).toBe(200);
        const { findings } = (await res.json()) as {
          findings: { id: string; subject: object; message: string }[];
        };
        expect(findings.map((f) => f.subject)).toEqual([
          { kind: "lot", id: LOT, canonical: canonicalIdentifier(LOT) },
        ]);
        // The id keeps the canonical form: it is the join key whatever syntax a sender uses.
        expect(findings[0]?.id).toBe(
          `INVENTORY_NEGATIVE:${canonicalIdentifier(SITES.mineA)}:${canonicalIdentifier(LOT)}`,
        );
      }
    });

    it("exports the canonical form in its own CSV column", async () => {
      const csv = await (await get("/export/findings.csv")).text();
      const [header, ...rows] = csv.trim().split("\n");
      const columns = header?.split(",") ?? [];
      const row = rows.find((r) => r.startsWith("INVENTORY_NEGATIVE:") && r.includes(LOT))?.split(",") ?? [];
      expect(row[columns.indexOf("subjectId")]).toBe(LOT);
      // The last column, after the quoted message (whose commas a plain split does not respect).
      expect(columns.at(-1)).toBe("subjectCanonical");
      expect(row.at(-1)).toBe(canonicalIdentifier(LOT));
    });
  });
}
