// Flat config. The layering rule below keeps architecture.md's picture true:
// domain is pure, app talks to ports only, triggers never skip the app layer.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const sdkModules = ["firebase-admin", "firebase-admin/*", "firebase-functions", "firebase-functions/*", "stripe", "axios", "@google-cloud/*"];

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "functions/lib/**", "sandbox/*/lib/**", "**/dist/**", ".kassa-data/**", ".emulators/**", "web/e2e/screenshots/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The web app shares the server's wire types, never its code: type-only imports are
      // erased from the bundle, a value import would ship server code to the browser.
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["@server/*", "**/functions/src/**"], allowTypeImports: true, message: "Only `import type` from the server (@server/*)." }],
      }],
    },
  },
  {
    files: ["functions/src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: sdkModules, message: "domain/ is pure: no SDKs." },
          { group: ["zod"], message: "domain/ is pure: validate at the boundary (triggers/)." },
          { group: ["**/app/**", "**/adapters/**", "**/triggers/**", "**/ports/**", "**/config/**"], message: "domain/ imports nothing from outer layers." },
        ],
      }],
    },
  },
  {
    files: ["functions/src/app/**/*.ts", "functions/src/ports/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: sdkModules, message: "app/ and ports/ talk to the outside through ports, never an SDK." },
          { group: ["**/adapters/**", "**/triggers/**"], message: "app/ depends on ports and domain only." },
        ],
      }],
    },
  },
  {
    files: ["functions/src/adapters/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["**/triggers/**", "**/app/**"], message: "adapters implement ports; they do not call use cases or triggers." }],
      }],
    },
  },
);
