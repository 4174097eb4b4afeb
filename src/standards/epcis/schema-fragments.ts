// Building blocks of the EPCIS 2.0 JSON Schema (references, URI kinds, CBV words or extension URIs, lists)
// shared by the value, event and document definitions.

export const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
export const uri = { type: "string", format: "uri" };
export const vocabUri = uri;
// Any URI that is not a CBV URN or ns.gs1.org/cbv URI: those must be written as the bare CBV word.
export const vocabOtherUri = {
  type: "string",
  format: "uri",
  pattern: "^(?!(urn:epcglobal:cbv|https?:\\/\\/ns\\.gs1\\.org/cbv\\/))",
};
// Any URI outside the GS1 web vocabulary: GS1 measurement types must be written as bare words.
export const vocabNonGs1WebVocUri = {
  type: "string",
  format: "uri",
  pattern: "^(?!(https?:\\/\\/gs1\\.org\\/voc\\/|https?:\\/\\/www\\.gs1\\.org\\/voc\\/))",
};
export const cbvWord = (words: string[]) => ({
  anyOf: [ref("vocab-other-uri"), { type: "string", enum: words }],
});
export const namesOrExtension = (names: string[]) => ({
  anyOf: [{ type: "string", enum: names }, ref("vocab-uri")],
});
export const listOf = (item: string, extra: Record<string, unknown> = {}) => ({
  type: "array",
  items: ref(item),
  ...extra,
});
export const atLeastOne = (field: string, item: unknown) => ({
  type: "object",
  properties: { [field]: { type: "array", minItems: 1, items: item } },
  required: [field],
});
export const actionIs = (action: string) => ({
  type: "object",
  properties: { action: { type: "string", pattern: `^${action}$` } },
});
