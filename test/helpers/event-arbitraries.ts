// fast-check arbitraries of valid ledger events of all five kinds, with every optional part (extensions,
// ilmd, sensor data, error declarations, certification) and awkward but legal text, for property tests.
import fc from "fast-check";
import type {
  Extensions,
  ExtensionValue,
  LedgerEvent,
  QuantityElement,
  SensorElement,
} from "../../src/domain/events.ts";

const NS = ["https://ns.example.com/epcis/", "http://example.com/ext1/", "urn:example:vocabulary:"];

/** Text as people type it: letters in several scripts, punctuation XML must escape, spaces and newlines. */
export const awkwardText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "a",
        "Z",
        "7",
        " ",
        "&",
        "<",
        ">",
        '"',
        "'",
        "\n",
        "\t",
        "\r\n",
        "]]>",
        "é",
        "Đ",
        "ử",
        "한",
        "𝔘",
        "🙂",
      ),
      fc.string({ minLength: 1, maxLength: 4, unit: "grapheme-ascii" }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

const localName = fc.constantFrom("lot", "grade", "assay", "note", "weight", "origin", "x1", "deep_field");
const clarkKey = fc.tuple(fc.constantFrom(...NS), localName).map(([ns, local]) => `{${ns}}${local}`);

const extensionValue: fc.Arbitrary<ExtensionValue> = fc.letrec<{ value: ExtensionValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    awkwardText,
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(clarkKey, tie("value"), { maxKeys: 3 }),
  ),
})).value;

export const extensionsArb: fc.Arbitrary<Extensions> = fc.dictionary(clarkKey, extensionValue, {
  maxKeys: 3,
});

const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, "0"));
const sgtin = digits(6).map((s) => `urn:epc:id:sgtin:0614141.107346.${s}`);
const lgtinClass = fc
  .constantFrom("A1", "B-22", "LOT.7")
  .map((lot) => `urn:epc:class:lgtin:4012345.012345.${lot}`);
const sgln = digits(3).map((s) => `urn:epc:id:sgln:0614141.00777.${Number(s)}`);
const pgln = digits(5).map((s) => `urn:epc:id:pgln:0614141.${s}`);

const quantity: fc.Arbitrary<QuantityElement> = fc.oneof(
  fc.record({ epcClass: lgtinClass, quantity: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({
    epcClass: lgtinClass,
    quantity: fc.double({ min: 0.001, max: 1e7, noNaN: true, noDefaultInfinity: true }),
    uom: fc.constantFrom("KGM", "TNE", "GRM"),
  }),
);

const instant = fc
  .date({ min: new Date("2001-01-01T00:00:00Z"), max: new Date("2040-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

const sensorElement: fc.Arbitrary<SensorElement> = fc.record({
  metadata: fc.record({ time: instant, deviceID: fc.constant("urn:epc:id:giai:4000001.111") }),
  reports: fc.array(
    fc.record({
      type: fc.constantFrom("Temperature", "Radioactivity", "MassConcentration"),
      value: fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
      uom: fc.constantFrom("CEL", "BQL", "KGM"),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  extensions: extensionsArb,
});

const common = fc.record(
  {
    eventTime: instant,
    eventTimeZoneOffset: fc.constantFrom("+00:00", "+07:00", "-06:00", "+09:00"),
    certificationInfo: fc.array(fc.constant("https://accreditation.example.org/cert/ABC1"), {
      minLength: 1,
      maxLength: 1,
    }),
    errorDeclaration: fc.record({
      declarationTime: instant,
      reason: fc.constantFrom("incorrect_data", "did_not_occur"),
      correctiveEventIds: fc.constant([] as string[]),
      extensions: extensionsArb,
    }),
    bizStep: fc.constantFrom(
      "shipping",
      "receiving",
      "commissioning",
      "https://ns.example.com/step/smelting",
    ),
    disposition: fc.constantFrom("in_transit", "active", "in_progress"),
    persistentDisposition: fc.record({
      set: fc.constant(["completeness_verified"] as string[]),
      unset: fc.constant([] as string[]),
    }),
    readPoint: fc.record({ id: sgln, extensions: extensionsArb }),
    bizLocation: fc.record({ id: sgln, extensions: fc.constant({}) }),
    bizTransactions: fc.array(
      fc.record({
        type: fc.constantFrom("po", "inv", "desadv"),
        id: digits(4).map((s) => `urn:epc:id:gdti:0614141.00001.${s}`),
      }),
      { maxLength: 2 },
    ),
    sources: fc.array(fc.record({ type: fc.constantFrom("owning_party", "possessing_party"), id: pgln }), {
      maxLength: 2,
    }),
    destinations: fc.array(fc.record({ type: fc.constantFrom("owning_party", "location"), id: pgln }), {
      maxLength: 2,
    }),
    sensorElements: fc.array(sensorElement, { maxLength: 2 }),
    extensions: extensionsArb,
  },
  {
    requiredKeys: [
      "eventTime",
      "eventTimeZoneOffset",
      "bizTransactions",
      "sources",
      "destinations",
      "sensorElements",
      "extensions",
    ],
  },
);

const action = fc.constantFrom("ADD", "OBSERVE", "DELETE") as fc.Arbitrary<"ADD" | "OBSERVE" | "DELETE">;

/** A valid event of any of the five kinds. */
export const ledgerEventArb: fc.Arbitrary<LedgerEvent> = fc.oneof(
  fc
    .tuple(
      common,
      action,
      fc.uniqueArray(sgtin, { maxLength: 3 }),
      fc.uniqueArray(quantity, { selector: (q) => q.epcClass, maxLength: 2 }),
      fc.option(extensionsArb, { nil: undefined }),
    )
    .map(([c, a, epcs, quantities, ilmd]) => ({
      kind: "ObjectEvent" as const,
      ...c,
      action: a,
      epcs,
      quantities,
      ...(ilmd && a === "ADD" ? { ilmd } : {}),
    })),
  fc
    .tuple(
      common,
      action,
      sgtin,
      fc.uniqueArray(sgtin, { minLength: 1, maxLength: 3 }),
      fc.uniqueArray(quantity, { selector: (q) => q.epcClass, maxLength: 2 }),
    )
    .map(([c, a, parentId, childEpcs, childQuantities]) => ({
      kind: "AggregationEvent" as const,
      ...c,
      action: a,
      parentId,
      childEpcs,
      childQuantities,
    })),
  fc
    .tuple(
      common,
      action,
      fc.uniqueArray(sgtin, { maxLength: 3 }),
      fc.uniqueArray(quantity, { selector: (q) => q.epcClass, maxLength: 2 }),
    )
    .map(([c, a, epcs, quantities]) => ({
      kind: "TransactionEvent" as const,
      ...c,
      bizTransactions: [{ type: "po", id: "urn:epc:id:gdti:0614141.00001.1" }, ...c.bizTransactions],
      action: a,
      epcs,
      quantities,
    })),
  fc
    .tuple(
      common,
      fc.uniqueArray(sgtin, { maxLength: 2 }),
      fc.uniqueArray(quantity, { selector: (q) => q.epcClass, minLength: 1, maxLength: 3 }),
      fc.uniqueArray(sgtin, { maxLength: 2 }),
      fc.uniqueArray(quantity, { selector: (q) => q.epcClass, minLength: 1, maxLength: 3 }),
      fc.option(extensionsArb, { nil: undefined }),
    )
    .map(([c, inputEpcs, inputQuantities, outputEpcs, outputQuantities, ilmd]) => ({
      kind: "TransformationEvent" as const,
      ...c,
      inputEpcs,
      inputQuantities,
      outputEpcs,
      outputQuantities,
      ...(ilmd ? { ilmd } : {}),
    })),
  fc
    .tuple(
      common,
      action,
      sgln,
      fc.uniqueArray(sgtin, { minLength: 1, maxLength: 3 }),
      fc.uniqueArray(quantity, { selector: (q) => q.epcClass, maxLength: 2 }),
    )
    .map(([c, a, parentId, childEpcs, childQuantities]) => ({
      kind: "AssociationEvent" as const,
      ...c,
      action: a,
      parentId,
      childEpcs,
      childQuantities,
    })),
);
