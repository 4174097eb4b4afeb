// CBV 2.0 vocabularies: a bare word ("shipping"), a CBV 1.x URN (urn:epcglobal:cbv:bizstep:shipping) and the
// web URI (https://ref.gs1.org/cbv/BizStep-shipping) name the same value; this brings each to the web URI.

export type CbvVocabulary = "BizStep" | "Disp" | "BTT" | "SDT" | "ER" | "Comp";

const URN_TO_WEB: [string, CbvVocabulary][] = [
  ["urn:epcglobal:cbv:bizstep:", "BizStep"],
  ["urn:epcglobal:cbv:disp:", "Disp"],
  ["urn:epcglobal:cbv:btt:", "BTT"],
  ["urn:epcglobal:cbv:sdt:", "SDT"],
  ["urn:epcglobal:cbv:er:", "ER"],
];

const CBV = "https://ref.gs1.org/cbv/";
const GS1_VOC = "https://gs1.org/voc/";

/** Replaces a CBV 1.x URN prefix by the CBV 2.0 web vocabulary (CBV 2.0 section 6.2). */
export function cbvUrnToWeb(value: string): string {
  for (const [urn, vocabulary] of URN_TO_WEB) {
    if (value.startsWith(urn)) return `${CBV}${vocabulary}-${value.slice(urn.length)}`;
  }
  return value;
}

const isBareWord = (value: string) => /^[A-Za-z0-9_]+$/.test(value);

/** The web URI of a CBV value, whatever form it was written in. */
export function cbvValue(vocabulary: CbvVocabulary, value: string): string {
  if (isBareWord(value)) return `${CBV}${vocabulary}-${value}`;
  return cbvUrnToWeb(value.replace(/^https?:\/\/ns\.gs1\.org\/cbv\//, CBV));
}

/** GS1 web vocabulary terms (sensor measurement and alert types) written as bare words. */
export function gs1VocabularyValue(value: string): string {
  return isBareWord(value) ? `${GS1_VOC}${value}` : value;
}
