// How a transformation moves material: each input lot's mass and element content is allocated to the output
// lots in proportion to what each output holds of that element (by mass where no assay says otherwise).
import type { ContentKey, ContentsKg } from "./assay.ts";
import type { MaterialClass } from "./material-class.ts";

export interface LotQuantity {
  lot: string;
  massKg: number;
  /** Element (and TREO) content; empty when the lot has no assay. */
  contents: ContentsKg;
  materialClass?: MaterialClass;
}

/** An edge of the lot graph: material of `from` that went into `to` in one event. */
export interface LotEdge {
  event: string;
  from: string;
  to: string;
  massKg: number;
  contentsKg: ContentsKg;
}

export function allocateTransformation(
  event: string,
  inputs: LotQuantity[],
  outputs: LotQuantity[],
): LotEdge[] {
  const totalOutMass = outputs.reduce((s, o) => s + o.massKg, 0);
  const outTotals: ContentsKg = {};
  for (const o of outputs) {
    for (const [k, v] of Object.entries(o.contents) as [ContentKey, number][])
      outTotals[k] = (outTotals[k] ?? 0) + v;
  }
  const edges: LotEdge[] = [];
  for (const input of inputs) {
    for (const output of outputs) {
      const massShare = totalOutMass > 0 ? output.massKg / totalOutMass : 1 / outputs.length;
      const contentsKg: ContentsKg = {};
      for (const [k, v] of Object.entries(input.contents) as [ContentKey, number][]) {
        const total = outTotals[k] ?? 0;
        const share = total > 0 ? (output.contents[k] ?? 0) / total : massShare;
        contentsKg[k] = v * share;
      }
      edges.push({ event, from: input.lot, to: output.lot, massKg: input.massKg * massShare, contentsKg });
    }
  }
  return edges;
}

export function sumContents(quantities: LotQuantity[]): ContentsKg {
  const out: ContentsKg = {};
  for (const q of quantities) {
    for (const [k, v] of Object.entries(q.contents) as [ContentKey, number][]) out[k] = (out[k] ?? 0) + v;
  }
  return out;
}
