import { useTranslation } from "react-i18next";
import { useSession } from "../auth";
import { Programs } from "../components/Programs";
import { CoachPayouts } from "./coach/Payouts";
import { PayoutStatements } from "./coach/PayoutStatements";

export function CoachHome() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <section>
      <h1>{t("coach.title")}</h1>
      {user && <CoachPayouts coachId={user.uid} />}
      {user && <PayoutStatements />}
      <h2>{t("coach.programs")}</h2>
      {user && <Programs coachId={user.uid} />}
    </section>
  );
}
