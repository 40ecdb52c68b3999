import * as contracts from "../contracts/catalogue";
import { auth } from "../adapters/firebase/admin";
import { saveProgram as saveProgramUseCase } from "../app/catalogue/save-program";
import { stripeSecretKey } from "../config/params";
import { kassaCallable } from "./callable";
import { saleDeps } from "./payment-deps";

export const saveProgram = kassaCallable(
  contracts.saveProgram,
  (input, caller) =>
    saveProgramUseCase(
      {
        ...saleDeps(),
        coachName: async (uid) =>
          (
            await auth()
              .getUser(uid)
              .catch(() => null)
          )?.displayName ?? null,
      },
      caller,
      input,
    ),
  { secrets: [stripeSecretKey] },
);
