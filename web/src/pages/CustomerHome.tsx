import { useSession } from "../auth";
import { Programs } from "../components/Programs";

export function CustomerHome() {
  const { user } = useSession();
  return (
    <section>
      <h1>Welcome{user?.displayName ? `, ${user.displayName}` : ""}</h1>
      <p className="muted">Programs from Inner Journey's coaches. Prices include VAT.</p>
      <Programs />
      <p className="notice">Buying and subscribing arrive with the payments release; prices shown are the server's catalogue.</p>
    </section>
  );
}
