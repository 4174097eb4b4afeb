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

  // Every GS1 key of EPC Tag Data Standard 2.0 section 6, pure identity and pattern, in URN and Digital Link.
  it.each([
    ["urn:epc:id:sgtin:0614141.011111.987", "https://id.gs1.org/01/00614141111114/21/987"],
    ["urn:epc:id:sscc:4047023.0111111122", "https://id.gs1.org/00/040470231111111229"],
    ["urn:epc:id:sgln:4012345.00012.0", "https://id.gs1.org/414/4012345000122"],
    ["urn:epc:id:grai:4012345.00022.334455", "https://id.gs1.org/8003/04012345000221334455"],
    ["urn:epc:id:giai:4000001.111", "https://id.gs1.org/8004/4000001111"],
    ["urn:epc:id:gsrn:4012345.0000006765", "https://id.gs1.org/8018/401234500000067657"],
    ["urn:epc:id:gsrnp:4012345.0000000007", "https://id.gs1.org/8017/401234500000000074"],
    ["urn:epc:id:gdti:4012345.55555.1234", "https://id.gs1.org/253/40123455555541234"],
    [
      "urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234",
      "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234",
    ],
    ["urn:epc:id:sgcn:4012345.67890.04711", "https://id.gs1.org/255/401234567890104711"],
    ["urn:epc:id:ginc:0614141.xyz47%2F11", "https://id.gs1.org/401/0614141xyz47%2F11"],
    ["urn:epc:id:gsin:4012345.222333444", "https://id.gs1.org/402/40123452223334442"],
    ["urn:epc:id:itip:4012345.011111.01.02.987", "https://id.gs1.org/8006/040123451111180102/21/987"],
    [
      "urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7SDB",
      "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7SDB",
    ],
    ["urn:epc:id:pgln:4000001.00000", "https://id.gs1.org/417/4000001000005"],
    ["urn:epc:class:lgtin:4012345.099988.2014-02-10", "https://id.gs1.org/01/04012345999884/10/2014-02-10"],
    ["urn:epc:idpat:sgtin:4012345.012345.*", "https://id.gs1.org/01/04012345123456"],
    ["urn:epc:idpat:grai:4012345.99999.*", "https://id.gs1.org/8003/04012345999990"],
    ["urn:epc:idpat:gdti:4012345.11111.*", "https://id.gs1.org/253/4012345111118"],
    ["urn:epc:idpat:sgcn:4012345.22222.*", "https://id.gs1.org/255/4012345222227"],
    ["urn:epc:idpat:cpi:4012345.AB12.*", "https://id.gs1.org/8010/4012345AB12"],
    ["urn:epc:idpat:itip:4012345.012345.01.02.*", "https://id.gs1.org/8006/040123451234560102"],
    ["urn:epc:idpat:upui:4012345.012345.*", "https://id.gs1.org/01/04012345123456"],
    // Digital Links on any host, with short names, shorter GTINs, CPV and query strings, come to one form.
    [
      "https://example.com/gtin/09780345418913/21/765tz?abc=211121",
      "https://id.gs1.org/01/09780345418913/21/765tz",
    ],
    ["http://example.de/gtin-8/01/97803111", "https://id.gs1.org/01/00000097803111"],
    ["https://ean-13.de/gtin/4012345123456/ser/ABC524", "https://id.gs1.org/01/04012345123456/21/ABC524"],
    [
      "https://example.org/01/09780345418913/22/A1/10/LOT7/21/S9",
      "https://id.gs1.org/01/09780345418913/21/S9",
    ],
    ["https://example.co.uk/party/4226350800008", "https://id.gs1.org/417/4226350800008"],
    [
      "http://fashion.com/itip/040123451234560102/ser/ABC145",
      "https://id.gs1.org/8006/040123451234560102/21/ABC145",
    ],
    ["https://id.gs1.org/8010/0628165987/8011/9876", "https://id.gs1.org/8010/0628165987/8011/9876"],
    [
      "https://id.gs1.org/01/01234567987651/235/51qIgY)%3c%26Jp3*j7SDB",
      "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7SDB",
    ],
    // Not GS1 keys: an unknown AI after the key, or no key at all, is left as written.
    ["http://id.gs1.org/01/9780345418913/99/utfgf", "http://id.gs1.org/01/9780345418913/99/utfgf"],
    ["http://example.org/123/4012345ABC987/456/4711", "http://example.org/123/4012345ABC987/456/4711"],
  ])("every GS1 key: %s → %s", (input, expected) => {
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
