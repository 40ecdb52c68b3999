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
      // The web app depends on the server only through its contracts (functions/src/contracts/:
      // callables' names, inputs, results, and the shapes it reads), and only as types: they are
      // erased from the bundle, a value import would ship server code to the browser.
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["@server/*", "!@server/contracts", "!@server/contracts/*", "**/functions/src/**"], message: "The web app uses the server only through @server/contracts/* (add the shape to contracts/shapes.ts)." },
          { group: ["@server/contracts", "@server/contracts/*"], allowTypeImports: true, message: "Only `import type` from the server's contracts." },
        ],
      }],
    },
  },
  {
    // Contracts describe the wire; they may use zod and each other, and name server shapes only
    // as types (contracts/shapes.ts), so the web can import them without server code.
    files: ["functions/src/contracts/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["../*", "!../contracts/*"], allowTypeImports: true, message: "contracts/ imports only zod and contracts/ at run time; server shapes as `export type` in shapes.ts." },
          { group: sdkModules, message: "contracts/ is the wire description: no SDKs." },
        ],
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
