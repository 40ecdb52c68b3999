import { useSearchParams } from "react-router-dom";
import { useSession } from "../auth";
import { Programs } from "../components/Programs";
import { VerifyEmail } from "../components/VerifyEmail";
import { Premium } from "./customer/Premium";

export function CustomerHome() {
  const { user } = useSession();
  const [params] = useSearchParams();
  return (
    <section>
      <h1>Welcome{user?.displayName ? `, ${user.displayName}` : ""}</h1>
      {params.get("checkout") === "cancelled" && (
        <p className="notice" role="status">
          Checkout cancelled; nothing was charged.
        </p>
      )}
      <VerifyEmail />
      <Premium />
      <h2>Programs</h2>
      <p className="muted">Programs from Inner Journey's coaches. Prices include VAT.</p>
      <Programs buyable />
    </section>
  );
}
