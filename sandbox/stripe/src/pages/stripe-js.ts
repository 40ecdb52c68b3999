import fs from "node:fs";
import type { LocalRoute } from "../local-route.js";
import { local } from "../local-route.js";

/**
 * The stand-in for https://js.stripe.com/v3 (stripe-js/stand-in.js): the local web app's card
 * form loads it from the sandbox because Stripe.js itself cannot be fetched offline. Read once;
 * it changes only with the sandbox's own code.
 */
const standIn = fs.readFileSync(new URL("./stripe-js/stand-in.js", import.meta.url), "utf8");

export const stripeJsPages: LocalRoute[] = [local("GET", "/v3", () => ({ script: standIn }))];
