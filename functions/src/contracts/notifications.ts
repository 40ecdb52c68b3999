/** A person's own notifications. */
import { z } from "zod";
import { contract } from "./contract";

export const markNotificationsRead = contract<{ marked: number }>()({
  name: "markNotificationsRead",
  input: z.strictObject({
    ids: z.array(z.string().min(1).max(200).regex(/^[^/]+$/, "is not a notification id")).max(100, "at most 100 at a time").optional(),
  }),
});
