import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { useTranslation } from "react-i18next";
import { BrowserRouter } from "react-router-dom";
import { App } from "./App";
import { SessionProvider } from "./auth";
import { initI18n } from "./i18n";
import "./styles.css";

/**
 * The app remounts when the language changes, so every amount and date formatted outside
 * `t` (money.ts, payments.ts) is written again in the new locale.
 */
function Localised() {
  const { i18n } = useTranslation();
  return (
    <BrowserRouter key={i18n.language}>
      <App />
    </BrowserRouter>
  );
}

// The catalogue arrives before the first render, so no English or key flashes by.
void initI18n().then(() =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <SessionProvider>
        <Localised />
      </SessionProvider>
    </StrictMode>,
  ),
);
