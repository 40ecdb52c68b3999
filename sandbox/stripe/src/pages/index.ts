import type { LocalRoute } from "../local-route.js";
import { checkoutPages } from "./checkout.js";
import { connectPages } from "./connect.js";
import { stripeJsPages } from "./stripe-js.js";
import { threeDSecurePages } from "./three-d-secure.js";

export const pageRoutes: LocalRoute[] = [...checkoutPages, ...connectPages, ...threeDSecurePages, ...stripeJsPages];
