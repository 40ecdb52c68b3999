import type { LocalRoute } from "../local-route.js";
import { checkoutPages } from "./checkout.js";
import { connectPages } from "./connect.js";

export const pageRoutes: LocalRoute[] = [...checkoutPages, ...connectPages];
