import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { useSession } from "../auth";
import { Programs } from "../components/Programs";
import { VerifyEmail } from "../components/VerifyEmail";
import { Premium } from "./customer/Premium";

export function CustomerHome() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params] = useSearchParams();
  return (
    <section>
      <h1>{user?.displayName ? t("customer.welcomeName", { name: user.displayName }) : t("customer.welcome")}</h1>
      {params.get("checkout") === "cancelled" && (
        <p className="notice" role="status">
          {t("customer.checkoutCancelled")}
        </p>
      )}
      <VerifyEmail />
      <Premium />
      <h2>{t("customer.programs")}</h2>
      <p className="muted">{t("customer.programsIntro")}</p>
      <Programs buyable />
    </section>
  );
}
