// Lodestone's JSON Schema of a UNTP 0.6.1 Digital Product Passport, modelled on the official
// untp-dpp-schema.json (the fields Lodestone writes and a verifier must find); the conformance suite checks
// Lodestone's passports against the official schema too.

export const UNTP_DPP_CONTEXT = "https://test.uncefact.org/vocabulary/untp/dpp/0.6.1/";
export const UNTP_VERSION_PATTERN =
  /^https:\/\/test\.uncefact\.org\/vocabulary\/untp\/dpp\/(\d+\.\d+\.\d+)\/$/;

const typeIncludes = (name: string) => ({
  type: "array",
  items: { type: "string" },
  contains: { const: name },
});
const uri = { type: "string", format: "uri" };

export const untpDppSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["@context", "id", "issuer", "type", "credentialSubject"],
  properties: {
    "@context": {
      type: "array",
      items: [{ const: "https://www.w3.org/ns/credentials/v2" }, { const: UNTP_DPP_CONTEXT }],
      minItems: 2,
    },
    type: { allOf: [typeIncludes("DigitalProductPassport"), typeIncludes("VerifiableCredential")] },
    id: uri,
    issuer: {
      type: "object",
      required: ["id", "name"],
      additionalProperties: false,
      properties: {
        type: typeIncludes("CredentialIssuer"),
        id: uri,
        name: { type: "string" },
        issuerAlsoKnownAs: { type: "array" },
      },
    },
    validFrom: { type: "string", format: "date-time" },
    validUntil: { type: "string", format: "date-time" },
    credentialSubject: {
      type: "object",
      properties: {
        type: typeIncludes("ProductPassport"),
        id: uri,
        granularityLevel: { enum: ["item", "batch", "model"] },
        product: {
          type: "object",
          required: ["id", "name"],
          properties: {
            type: typeIncludes("Product"),
            id: uri,
            name: { type: "string" },
            idScheme: {
              type: "object",
              additionalProperties: false,
              properties: { type: typeIncludes("IdentifierScheme"), id: uri, name: { type: "string" } },
            },
            productionDate: { type: "string", format: "date" },
          },
        },
        materialsProvenance: {
          type: "array",
          items: {
            type: "object",
            required: ["name"],
            properties: {
              type: typeIncludes("Material"),
              name: { type: "string" },
              originCountry: { type: "string" },
              massFraction: { type: "number" },
            },
          },
        },
        conformityClaim: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "conformance", "conformityTopic"],
            properties: {
              type: { allOf: [typeIncludes("Claim"), typeIncludes("Declaration")] },
              id: uri,
              conformance: { type: "boolean" },
              conformityTopic: {
                enum: [
                  "environment.energy",
                  "environment.emissions",
                  "environment.water",
                  "environment.waste",
                  "environment.deforestation",
                  "environment.biodiversity",
                  "circularity.content",
                  "circularity.design",
                  "social.labour",
                  "social.rights",
                  "social.community",
                  "social.safety",
                  "governance.ethics",
                  "governance.compliance",
                  "governance.transparency",
                ],
              },
            },
          },
        },
      },
    },
  },
};
