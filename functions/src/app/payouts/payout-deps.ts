import type { Clock } from "../../ports/clock";
import type { ConnectGateway } from "../../ports/connect-gateway";
import type { PayoutDispatcher } from "../../ports/payout-dispatcher";
import type { PayoutStore } from "../../ports/payout-store";

/** What the payout use cases need; the composition root builds it (triggers/payout-deps.ts). */
export interface PayoutDeps {
  store: PayoutStore;
  gateway: ConnectGateway;
  dispatcher: PayoutDispatcher;
  clock: Clock;
}
