import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  // No source maps in a build: web/dist is what Firebase Hosting serves, and a public .map
  // hands out the whole source (firebase.json also ignores **/*.map). The dev server has its
  // own inline maps regardless of this setting.
  build: { sourcemap: false },
  // Firestore's SDK pulls in re2js only for client-side Pipelines regexes, which Kassa never runs:
  // aliasing it to a stand-in takes 45 kB gzip off every first visit (see the stand-in's comment).
  resolve: { alias: { re2js: fileURLToPath(new URL("./src/lib/re2js-unused.ts", import.meta.url)) } },
  // The card form is imported lazily, so the dev server would find Stripe's packages only when a
  // customer first opens it, then re-bundle and reload the page under them, closing the form.
  optimizeDeps: { include: ["@stripe/react-stripe-js", "@stripe/stripe-js/pure"] },
  test: { environment: "node", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
