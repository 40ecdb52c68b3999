import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  // No source maps in a build: web/dist is what Firebase Hosting serves, and a public .map
  // hands out the whole source (firebase.json also ignores **/*.map). The dev server has its
  // own inline maps regardless of this setting.
  build: { sourcemap: false },
  // The card form is imported lazily, so the dev server would find Stripe's packages only when a
  // customer first opens it, then re-bundle and reload the page under them, closing the form.
  optimizeDeps: { include: ["@stripe/react-stripe-js", "@stripe/stripe-js/pure"] },
  test: { environment: "node", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
