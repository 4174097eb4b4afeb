// A small chain with recycled feed: Nd/Pr metal (mined), pre-consumer magnet swarf and post-consumer end-of-life
// magnets alloyed together, the alloy with a recycled-content claim (test/store/recycled-origins.test.ts).
import { chainDocument, elementAssay, kg, lot, lotCreation } from "./chain.ts";

export const METAL_PLANT = "urn:epc:id:sgln:8930000.00005.0";
export const COLLECTOR = "urn:epc:id:sgln:8800000.00031.0";
export const ALLOY_PLANT = "urn:epc:id:sgln:8800000.00006.0";
export const COLLECTOR_ORG = "urn:epc:id:pgln:8800000.00031";
export const METAL = lot("00055", "NDPRM-R-1");
export const SWARF = lot("00077", "SWARF-1");
export const EOL = lot("00078", "EOL-MOTOR-1");
export const ALLOY = lot("00066", "ALLOY-R-1");
export const NOW = new Date("2026-06-01T00:00:00Z");

// Nd in each input, kg: metal 100 × 0.75 = 75; swarf 40 × 0.22 = 8.8; end-of-life magnets 60 × 0.20 = 12.
export const ND_KG = { metal: 75, swarf: 8.8, eol: 12 };
export const ND_TOTAL = ND_KG.metal + ND_KG.swarf + ND_KG.eol;
// Dy only in the scrap: swarf 40 × 0.01 = 0.4, end-of-life 60 × 0.04 = 2.4.

export function recycledChain(claim: number) {
  return chainDocument([
    lotCreation("2026-05-01T08:00:00+09:00", METAL_PLANT, METAL, 100, {
      "lode:materialClass": "metal",
      "lode:assay": elementAssay({ Nd: 0.75, Pr: 0.25 }),
    }),
    lotCreation("2026-05-01T09:00:00+09:00", COLLECTOR, SWARF, 40, {
      "lode:materialClass": "magnet_swarf",
      "lode:country": "KR",
      "lode:assay": elementAssay({ Nd: 0.22, Pr: 0.07, Dy: 0.01, Fe: 0.65, B: 0.01 }),
    }),
    lotCreation("2026-05-01T10:00:00+09:00", COLLECTOR, EOL, 60, {
      "lode:materialClass": "eol_magnet",
      "lode:country": "KR",
      "lode:assay": elementAssay({ Nd: 0.2, Pr: 0.06, Dy: 0.04, Fe: 0.65, B: 0.01 }),
    }),
    {
      type: "TransformationEvent",
      eventTime: "2026-05-02T08:00:00+09:00",
      eventTimeZoneOffset: "+09:00",
      inputQuantityList: [kg(METAL, 100), kg(SWARF, 40), kg(EOL, 60)],
      outputQuantityList: [kg(ALLOY, 200)],
      bizLocation: { id: ALLOY_PLANT },
      ilmd: {
        "lode:lots": [
          {
            "lode:lot": ALLOY,
            "lode:materialClass": "alloy",
            "lode:recycledContentClaim": claim,
            "lode:assay": elementAssay({
              Nd: ND_TOTAL / 200,
              Pr: 29.4 / 200,
              Dy: 2.8 / 200,
              Fe: 0.325,
              B: 0.005,
            }),
          },
        ],
      },
    },
  ]);
}
