import { z } from "zod";
import { ensureUserProfile as ensureUserProfileUseCase } from "../app/ensure-user-profile";
import { setUserRole as setUserRoleUseCase } from "../app/set-user-role";
import { ROLES } from "../domain/roles";
import { kassaCallable } from "./callable";
import { userDeps } from "./deps";
import { approvalDeps } from "./dual-control";

export const setUserRoleInput = z.strictObject({
  uid: z.string({ error: "is required" }).min(1, "is required").max(128, "is too long"),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
});

export const setUserRole = kassaCallable("setUserRole", setUserRoleInput, (input, caller) =>
  setUserRoleUseCase({ ...userDeps(), ...approvalDeps() }, caller, input),
);

export const ensureUserProfile = kassaCallable("ensureUserProfile", z.strictObject({}), (_input, caller) =>
  ensureUserProfileUseCase(userDeps(), caller),
);
