/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_USE_EMULATORS?: string;
  readonly VITE_FIREBASE_API_KEY?: string;
  readonly VITE_FIREBASE_AUTH_DOMAIN?: string;
  readonly VITE_FIREBASE_PROJECT_ID?: string;
  readonly VITE_FIREBASE_APP_ID?: string;
  readonly VITE_FUNCTIONS_REGION?: string;
  /** reCAPTCHA Enterprise site key for App Check in production (README, Deploying). */
  readonly VITE_RECAPTCHA_ENTERPRISE_SITE_KEY?: string;
  readonly VITE_STRIPE_SANDBOX_URL?: string;
  /** Stripe's publishable key for the card form in production (pk_live_... or pk_test_...). */
  readonly VITE_STRIPE_PUBLISHABLE_KEY?: string;
  readonly VITE_FORTNOX_SANDBOX_URL?: string;
}
