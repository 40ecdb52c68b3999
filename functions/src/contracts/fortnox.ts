/** Connecting Kassa to Fortnox: consent URL, client credentials, status, disconnect. */
import { z } from "zod";
import type { FortnoxStatusView } from "./shapes";
import { contract } from "./contract";
import { none } from "./fields";

const fortnoxErrors = ["failed-precondition", "unavailable", "aborted"] as const;

export const fortnoxStatus = contract<FortnoxStatusView>()({ name: "fortnoxStatus", input: none });
export const fortnoxConnectUrl = contract<{ url: string }>()({
  name: "fortnoxConnectUrl",
  input: z.strictObject({ returnPath: z.enum(["/accountant", "/admin"]).optional() }),
  errors: ["failed-precondition"],
});
export const fortnoxConnectClientCredentials = contract<FortnoxStatusView>()({
  name: "fortnoxConnectClientCredentials",
  input: z.strictObject({ tenantId: z.string().regex(/^\d{1,12}$/, "must be the Fortnox tenant id (digits)") }),
  errors: fortnoxErrors,
});
export const fortnoxDisconnect = contract<FortnoxStatusView>()({ name: "fortnoxDisconnect", input: none, errors: fortnoxErrors });
