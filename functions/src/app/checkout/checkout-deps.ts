import type { CatalogueStore, CustomerStore, SettingsReader } from "../../ports/catalogue-store";
import type { Ids } from "../../ports/ids";
import type { PaymentsGateway } from "../../ports/payments-gateway";

export interface CheckoutDeps {
  catalogue: CatalogueStore;
  customers: CustomerStore;
  settings: SettingsReader;
  gateway: PaymentsGateway;
  ids: Ids;
  webAppUrl: string;
}
