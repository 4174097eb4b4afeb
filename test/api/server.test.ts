// End to end over a real socket on loopback, on every backend: the server listens, answers a capture and a
// query with real HTTP, and a tampered audit row makes `lodestone audit verify` fail naming the row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../src/api/server.ts";
import { createToken } from "../../src/services/access.ts";
import { openLedger } from "../../src/store/db.ts";
import { runLodestone } from "../helpers/cli.ts";
import { BACKENDS, newLedgerLocation } from "../helpers/ledgers.ts";

const CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"];

for (const backend of BACKENDS) {
  describe(`a real server on ${backend}`, () => {
    let location: string;
    let dispose: () => Promise<void>;
    let url: string;
    let close: () => Promise<void>;
    let token: string;

    beforeAll(async () => {
      ({ location, dispose } = await newLedgerLocation(backend));
      const ledger = openLedger(location);
      const { migrateLedger } = await import("../../src/store/db.ts");
      await migrateLedger(ledger);
      token = await createToken(ledger, "urn:epc:id:pgln:8930000.00001", "operator", new Date());
      ({ url, close } = await serve({ ledger, port: 0, host: "127.0.0.1", logger: false }));
    });
    afterAll(async () => {
      await close();
      await dispose();
    });

    it("captures and answers over HTTP on loopback", async () => {
      const event = {
        "@context": CONTEXT,
        type: "ObjectEvent",
        eventTime: "2026-03-01T00:00:00Z",
        eventTimeZoneOffset: "+00:00",
        epcList: [],
        quantityList: [{ epcClass: "urn:epc:class:lgtin:8930000.000011.SOCK-1", quantity: 5, uom: "TNE" }],
        action: "ADD",
      };
      const created = await fetch(`${url}/epcis/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/ld+json" },
        body: JSON.stringify(event),
      });
      expect(created.status).toBe(201);
      const events = await fetch(
        `${url}/epcis/events?MATCH_epcClass=${encodeURIComponent("urn:epc:class:lgtin:8930000.000011.SOCK-1")}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(events.status).toBe(200);
      expect(events.headers.get("gs1-epcis-version")).toBe("2.0.0");
      expect((await events.json()).epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
      const docs = await fetch(`${url}/docs`, { redirect: "manual" });
      expect(docs.status).toBeLessThan(400);
    });

    it("fails `lodestone audit verify` naming the row when one audit row is edited", async () => {
      const intact = await runLodestone(["audit", "verify", "--db", location]);
      expect(intact).toMatchObject({ code: 0 });
      expect(intact.stdout).toMatch(/^audit log intact: \d+ entries\n$/);
      const ledger = openLedger(location);
      await ledger.db
        .updateTable("audit_log")
        .set({ organisation: "urn:epc:id:pgln:0000000.00000" })
        .where("seq", "=", 1)
        .execute();
      await ledger.close();
      const broken = await runLodestone(["audit", "verify", "--db", location]);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toBe(
        "lodestone: audit log broken at entry 1: its content does not match its hash\n",
      );
    });
  });
}
