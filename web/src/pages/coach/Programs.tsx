import { collection, query, where } from "firebase/firestore";
import { httpsCallable } from "firebase/functions";
import { type FormEvent, useState } from "react";
import { useSession } from "../../auth";
import { db, functions } from "../../firebase";
import { describeError } from "../../lib/errors";
import { formatMoney, type Money, parseKronor } from "../../lib/money";
import { useLiveQuery } from "../../lib/use-live-query";
import { LoadState } from "../../components/LoadState";

interface ProgramRow {
  id: string;
  title: string;
  description: string;
  price: Money;
  active: boolean;
}

const saveProgram = httpsCallable<
  { programId?: string; title: string; description: string; price: Money; active: boolean },
  { programId: string }
>(functions, "saveProgram");

function ProgramForm({ program, onDone }: { program?: ProgramRow; onDone: () => void }) {
  const [title, setTitle] = useState(program?.title ?? "");
  const [description, setDescription] = useState(program?.description ?? "");
  const [price, setPrice] = useState(
    program
      ? formatMoney(program.price)
          .replace(/\s?kr$/, "")
          .replace(/\u00a0/g, "")
      : "",
  );
  const [active, setActive] = useState(program?.active ?? true);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const amount = parseKronor(price);
    if (amount === null)
      return setState({ busy: false, error: "Price: write kronor, like 499 or 499,00" });
    setState({ busy: true });
    try {
      await saveProgram({
        ...(program ? { programId: program.id } : {}),
        title,
        description,
        price: { amount, currency: "sek" },
        active,
      });
      setState({ busy: false });
      onDone();
    } catch (err) {
      setState({ busy: false, error: describeError(err) });
    }
  }

  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      aria-label={program ? `Edit ${program.title}` : "New program"}
    >
      <label>
        Title
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          minLength={3}
          maxLength={120}
        />
      </label>
      <label>
        Description
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={2000}
          rows={3}
        />
      </label>
      <label>
        Price (kr, VAT included)
        <input
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          inputMode="decimal"
          required
          placeholder="499,00"
        />
      </label>
      <label className="inline">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> For
        sale
      </label>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      <div>
        <button type="submit" disabled={state.busy}>
          {state.busy ? "Saving…" : "Save program"}
        </button>{" "}
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A coach's programs: create, edit, take off sale. Prices are mirrored to Stripe by the server. */
export function CoachPrograms() {
  const { user } = useSession();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const { rows, error } = useLiveQuery<ProgramRow>(
    () => (user ? query(collection(db, "programs"), where("coachId", "==", user.uid)) : null),
    [user?.uid],
  );
  return (
    <section>
      <h1>Your programs</h1>
      {editing === "new" ? (
        <ProgramForm onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing("new")}>
          New program
        </button>
      )}
      <LoadState what="programs" rows={rows} error={error} />
      <ul className="grid" aria-label="Your programs">
        {rows?.map((p) =>
          editing === p.id ? (
            <li key={p.id}>
              <ProgramForm program={p} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={p.id} className="card program">
              <h3>{p.title}</h3>
              <p>{p.description}</p>
              <p className="price">{formatMoney(p.price)}</p>
              <p className="muted">{p.active ? "For sale" : "Not for sale"}</p>
              <button type="button" className="secondary" onClick={() => setEditing(p.id)}>
                Edit
              </button>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
