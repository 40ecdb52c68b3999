/**
 * Stands in for `re2js` in the web build (vite.config.ts aliases it here). Firestore's browser
 * SDK bundles re2js (45 kB gzip, a sixth of the entry chunk) only to evaluate LIKE and regex
 * expressions of Firestore Pipelines on the client; Kassa runs no pipelines, so nothing calls
 * it. If a future page did, the SDK catches this error and logs the pattern as invalid.
 */
export const RE2JS = {
  compile(): never {
    throw new Error("Firestore pipeline regular expressions are not available in Kassa's web build (re2js is aliased out)");
  },
};
