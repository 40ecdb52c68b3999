import * as contracts from "../contracts/users";
import { ensureUserProfile as ensureUserProfileUseCase } from "../app/ensure-user-profile";
import { setUserRole as setUserRoleUseCase } from "../app/set-user-role";
import { kassaCallable } from "./callable";
import { userDeps } from "./deps";
import { approvalDeps } from "./dual-control";

export const setUserRole = kassaCallable(contracts.setUserRole, (input, caller) =>
  setUserRoleUseCase({ ...userDeps(), ...approvalDeps() }, caller, input),
);

export const ensureUserProfile = kassaCallable(contracts.ensureUserProfile, (input, caller) =>
  ensureUserProfileUseCase(userDeps(), caller, input),
);
