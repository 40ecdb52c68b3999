import { useSession } from "../auth";
import { Programs } from "../components/Programs";

export function CoachHome() {
  const { user } = useSession();
  return (
    <section>
      <h1>Your coaching</h1>
      <h2>Your programs</h2>
      {user && <Programs coachId={user.uid} />}
      <p className="notice">
        Earnings, Stripe onboarding and payouts arrive with the payouts release.
      </p>
    </section>
  );
}
