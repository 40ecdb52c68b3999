/** Entry point: global options and the list of deployed functions. No logic lives here. */
import { setGlobalOptions } from "firebase-functions/v2";
import { REGION } from "./config/params";

setGlobalOptions({ region: REGION, maxInstances: 10 });

export { ensureUserProfile, setUserRole } from "./triggers/users";
export { accountingDay, getAccountingMapping, syncAccountingNightly, syncAccountingNow, updateAccountingMapping } from "./triggers/accounting";
export { fortnoxConnectClientCredentials, fortnoxConnectUrl, fortnoxDisconnect, fortnoxOAuthCallback, fortnoxStatus } from "./triggers/fortnox";
