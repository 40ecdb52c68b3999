import { useSession } from "../auth";
import { Programs } from "../components/Programs";
import { CoachPayouts } from "./coach/Payouts";
import { PayoutStatements } from "./coach/PayoutStatements";

export function CoachHome() {
  const { user } = useSession();
  return (
    <section>
      <h1>Your coaching</h1>
      {user && <CoachPayouts coachId={user.uid} />}
      {user && <PayoutStatements />}
      <h2>Your programs</h2>
      {user && <Programs coachId={user.uid} />}
    </section>
  );
}
