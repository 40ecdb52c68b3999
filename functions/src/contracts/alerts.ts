/** An admin acknowledges an alert. */
import { z } from "zod";
import { contract } from "./contract";

export const acknowledgeAlert = contract<{ alertId: string; status: string }>()({
  name: "acknowledgeAlert",
  input: z.strictObject({ alertId: z.string({ error: "is required" }).min(1, "is required").max(400, "is too long").regex(/^[A-Za-z0-9_-]+$/, "is not an alert id") }),
  errors: ["not-found"],
});
