/** Connecting Kassa to Fortnox: consent URL, OAuth callback, client credentials, status, disconnect. */
import { logger } from "firebase-functions";
import { onRequest } from "firebase-functions/v2/https";
import { z } from "zod";
import * as contracts from "../contracts/fortnox";
import {
  completeFortnoxConnect,
  connectFortnoxClientCredentials,
  disconnectFortnox,
  fortnoxConnectUrl as connectUrl,
  fortnoxStatus as status,
} from "../app/accounting/fortnox-connection";
import { fortnoxClientId, fortnoxClientSecret } from "../config/params";
import { webAppUrlValue } from "../config/web-app-url";
import { isDomainError } from "../domain/errors";
import { connectionDeps, oauthRedirectUri } from "./accounting-deps";
import { kassaCallable } from "./callable";
import { toHttpStatus } from "./errors";
import { runAs } from "./run-as";

const secrets = [fortnoxClientId, fortnoxClientSecret];

export const fortnoxStatus = kassaCallable(contracts.fortnoxStatus, (_input, caller) => status(connectionDeps(), caller), {
  secrets,
});

export const fortnoxConnectUrl = kassaCallable(
  contracts.fortnoxConnectUrl,
  (input, caller) => connectUrl(connectionDeps(), caller, { redirectUri: oauthRedirectUri(), ...input }),
  { secrets },
);

export const fortnoxConnectClientCredentials = kassaCallable(
  contracts.fortnoxConnectClientCredentials,
  (input, caller) => connectFortnoxClientCredentials(connectionDeps(), caller, input),
  { secrets },
);

export const fortnoxDisconnect = kassaCallable(contracts.fortnoxDisconnect, (_input, caller) => disconnectFortnox(connectionDeps(), caller), {
  secrets,
});

const callbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

/** Fortnox redirects the browser here after the consent page. */
export const fortnoxOAuthCallback = onRequest({ ...runAs("fortnoxOAuthCallback"), secrets }, async (req, res) => {
  const parsed = callbackQuery.safeParse(req.query);
  let base: string | null = null;
  try {
    // Before the state is taken and the code spent: a deployed project without WEB_APP_URL
    // would otherwise connect Fortnox and then send the browser to 127.0.0.1.
    base = webAppUrlValue();
    const result = await completeFortnoxConnect(connectionDeps(), parsed.success ? parsed.data : {});
    const target = new URL(result.returnPath, base);
    target.searchParams.set("fortnox", result.outcome);
    if (result.reason) target.searchParams.set("reason", result.reason);
    // Fortnox's own words stay in the log; the page gets only the reason code.
    logger.info("fortnox oauth callback", {
      outcome: result.outcome,
      ...(result.reason ? { reason: result.reason, fortnoxError: parsed.data?.error, fortnoxErrorDescription: parsed.data?.error_description } : {}),
    });
    res.redirect(302, target.toString());
  } catch (error) {
    logger.warn("fortnox oauth callback refused", { error: error instanceof Error ? error.message : String(error) });
    const message = isDomainError(error) ? error.message : "Connecting Fortnox failed; try again from Kassa.";
    res
      .status(toHttpStatus(error))
      .type("text/plain")
      .send(base ? `${message}\n\nBack to Kassa: ${new URL("/accountant", base).toString()}` : message);
  }
});
