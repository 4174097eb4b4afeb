// Parameter schemas that several route modules share.
import { Type } from "typebox";

export const LotParams = Type.Object({
  id: Type.String({ description: "LGTIN URN or GS1 Digital Link, URL-encoded" }),
});

export const DateString = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
