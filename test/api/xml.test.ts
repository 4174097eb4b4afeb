// The XML binding as users meet it: `lodestone import` and `events --format xml`, POST /capture and POST
// /events with application/xml, GET /events with Accept: application/xml, and hostile XML refused with
// nothing stored.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventHash } from "../../src/standards/epcis/event-hash.ts";
import { parseEpcisJson } from "../../src/standards/epcis/parse-json.ts";
import { parseEpcisXml } from "../../src/standards/epcis/parse-xml.ts";
import { serializeDocumentXml } from "../../src/standards/epcis/serialize-xml.ts";
import { openLedger } from "../../src/store/db.ts";
import { countEvents } from "../../src/store/event-store.ts";
import { openTestApi, type TestApi, waitForJob } from "../helpers/api.ts";
import { runLodestone } from "../helpers/cli.ts";
import { extractions, makeDocument } from "../helpers/documents.ts";
import { BACKENDS } from "../helpers/ledgers.ts";

/** A JSON test document written in the XML binding, and the canonical ids of its events. */
function xmlDocument(count: number, from = 0): { xml: string; ids: string[] } {
  const parsed = parseEpcisJson(makeDocument(extractions(count, from)));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const views = parsed.document.events.map((event) => ({
    event,
    eventHash: eventHash(event),
    recordTime: "2026-01-15T09:00:00.000Z",
  }));
  // Written without eventIDs, as a sender's own XML would be: the ledger gives each its canonical id.
  const xml = serializeDocumentXml(views, "2026-01-15T09:00:00Z").replace(
    /\s*<(eventID|recordTime)>[^<]*<\/\1>/g,
    "",
  );
  return { xml, ids: views.map((v) => v.eventHash) };
}

const ENTITY_BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2026-01-01T00:00:00Z">
  <EPCISBody><EventList/></EPCISBody>
</epcis:EPCISDocument>`;

describe("lodestone with XML files", () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "lodestone-xml-"));
    db = join(dir, "ledger.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function stored(): Promise<number> {
    const ledger = openLedger(db);
    try {
      return await countEvents(ledger.db).catch(() => 0);
    } finally {
      await ledger.close();
    }
  }

  it("imports an .xml file, hashes it like its JSON twin, and prints the events back as XML", async () => {
    const { xml, ids } = xmlDocument(3);
    const xmlFile = join(dir, "doc.xml");
    writeFileSync(xmlFile, xml);
    const imported = await runLodestone(["import", "--db", db, xmlFile]);
    expect(imported).toMatchObject({ code: 0, stdout: `${xmlFile}: 3 captured, 0 duplicates\n` });
    // The same events as JSON-LD are duplicates: one event, one id, whatever the binding.
    const jsonFile = join(dir, "doc.jsonld");
    writeFileSync(jsonFile, JSON.stringify(makeDocument(extractions(3))));
    expect((await runLodestone(["import", "--db", db, jsonFile])).stdout).toBe(
      `${jsonFile}: 0 captured, 3 duplicates\n`,
    );
    expect((await runLodestone(["hash", xmlFile])).stdout.trim().split("\n")).toEqual(ids);
    const events = await runLodestone(["events", "--db", db, "--format", "xml"]);
    expect(events.code).toBe(0);
    const back = parseEpcisXml(events.stdout);
    expect(back.ok && back.document.events.map(eventHash).sort()).toEqual([...ids].sort());
  });

  it("recognises XML by its content when the file has no .xml name", async () => {
    const file = join(dir, "from-erp.txt");
    writeFileSync(file, xmlDocument(2).xml);
    expect((await runLodestone(["import", "--db", db, file])).stdout).toBe(
      `${file}: 2 captured, 0 duplicates\n`,
    );
  });

  it("refuses hostile XML with exit 1, a reason, and nothing stored", async () => {
    const file = join(dir, "bomb.xml");
    writeFileSync(file, ENTITY_BOMB);
    const result = await runLodestone(["import", "--db", db, file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /bomb\.xml: \/: a DOCTYPE with an external identifier or an internal subset is refused/,
    );
    expect(await stored()).toBe(0);
  });

  it("refuses a whole XML document when one event is wrong, naming the element", async () => {
    const file = join(dir, "bad.xml");
    writeFileSync(file, xmlDocument(3).xml.replace("<quantity>25000</quantity>", "<quantity>-5</quantity>"));
    const result = await runLodestone(["import", "--db", db, file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "event 0 at /epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent/quantityList/quantityElement/quantity: quantity must be greater than zero",
    );
    expect(await stored()).toBe(0);
  });
});

describe.each(BACKENDS)("the XML binding of the REST API on %s", (backend) => {
  let api: TestApi;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  beforeAll(async () => {
    api = await openTestApi(backend);
  });
  afterAll(async () => {
    await api.app.close();
    await api.t.dispose();
  });
  const postXml = (url: string, payload: string, contentType = "application/xml") =>
    api.app.inject({
      method: "POST",
      url,
      headers: { ...auth(api.tokens.minerA), "content-type": contentType },
      payload,
    });
  const storedCount = () => countEvents(api.t.ledger.db);

  it("captures an XML EPCISDocument as a capture job and answers queries in XML when asked", async () => {
    const { xml, ids } = xmlDocument(3, 100);
    const res = await postXml("/epcis/capture", xml);
    expect(res.statusCode).toBe(202);
    const job = await waitForJob(api, res.headers.location as string, api.tokens.minerA);
    expect(job).toMatchObject({ success: true, captured: 3, errors: [] });
    const asXml = await api.app.inject({
      method: "GET",
      url: "/epcis/events?perPage=1000",
      headers: { ...auth(api.tokens.minerA), accept: "application/xml" },
    });
    expect(asXml.statusCode).toBe(200);
    expect(asXml.headers["content-type"]).toContain("application/xml");
    const parsed = parseEpcisXml(asXml.body);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.document.kind).toBe("EPCISQueryDocument");
    expect(parsed.document.events.map(eventHash)).toEqual(expect.arrayContaining(ids));
    // JSON stays the default.
    const asJson = await api.app.inject({
      method: "GET",
      url: "/epcis/events",
      headers: auth(api.tokens.minerA),
    });
    expect(asJson.headers["content-type"]).toContain("application/ld+json");
  });

  it("captures one XML event synchronously with POST /events (text/xml)", async () => {
    const { xml, ids } = xmlDocument(1, 200);
    const event = /<ObjectEvent>[\s\S]*<\/ObjectEvent>/.exec(xml)?.[0] as string;
    const res = await postXml("/epcis/events", event, "text/xml");
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ eventID: ids[0], duplicate: false });
    const one = await api.app.inject({
      method: "GET",
      url: `/epcis/events/${encodeURIComponent(ids[0] as string)}`,
      headers: { ...auth(api.tokens.minerA), accept: "text/xml" },
    });
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain("<epcisq:EPCISQueryDocument");
  });

  it("rolls back a whole XML capture with a bad event, unless told to proceed", async () => {
    const before = await storedCount();
    const bad = xmlDocument(3, 300).xml.replace(/<action>ADD<\/action>/, "<action>TAKE</action>");
    const rolledBack = await postXml("/epcis/capture", bad);
    const job = await waitForJob(api, rolledBack.headers.location as string, api.tokens.minerA);
    expect(job).toMatchObject({ success: false, captured: 0 });
    expect((job.errors as string[])[0]).toContain("/EventList/ObjectEvent/action");
    expect(await storedCount()).toBe(before);
    const proceeding = await api.app.inject({
      method: "POST",
      url: "/epcis/capture",
      headers: {
        ...auth(api.tokens.minerA),
        "content-type": "application/xml",
        "gs1-capture-error-behaviour": "proceed",
      },
      payload: bad,
    });
    const partial = await waitForJob(api, proceeding.headers.location as string, api.tokens.minerA);
    expect(partial).toMatchObject({ captured: 2 });
    expect(await storedCount()).toBe(before + 2);
  });

  it.each([
    ["an entity-expansion bomb", ENTITY_BOMB],
    [
      "an external entity",
      `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody><EventList/></EPCISBody></epcis:EPCISDocument>`,
    ],
    ["nesting 50,000 deep", `${"<a>".repeat(50_000)}${"</a>".repeat(50_000)}`],
    ["XML that is not well-formed", "<epcis:EPCISDocument><EPCISBody>"],
  ])("refuses %s with 400 and stores nothing", async (_name, payload) => {
    const before = await storedCount();
    const res = await postXml("/epcis/capture", payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().detail).toMatch(/^body: /);
    expect(await storedCount()).toBe(before);
  });

  it("refuses an XML document that is no EPCISDocument on POST /capture", async () => {
    const res = await postXml("/epcis/capture", "<invoice/>");
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe("body: POST /capture takes an EPCISDocument");
  });
});
