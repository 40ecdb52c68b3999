import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  // No source maps in a build: web/dist is what Firebase Hosting serves, and a public .map
  // hands out the whole source (firebase.json also ignores **/*.map). The dev server has its
  // own inline maps regardless of this setting.
  build: { sourcemap: false },
  test: { environment: "node", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
