import { collection, query, where } from "firebase/firestore";
import { callable } from "../../lib/callable";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth";
import { db } from "../../firestore";
import { describeError } from "../../lib/errors";
import { formatMoney, kronorText, type Money, parseKronor } from "../../lib/money";
import { useLiveQuery } from "../../lib/use-live-query";
import { LoadState } from "../../components/LoadState";

interface ProgramRow {
  id: string;
  title: string;
  description: string;
  price: Money;
  active: boolean;
}

const saveProgram = callable("saveProgram");

function ProgramForm({ program, onDone }: { program?: ProgramRow; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(program?.title ?? "");
  const [description, setDescription] = useState(program?.description ?? "");
  // As the coach types it back ("499,00"), whatever the display language writes for money.
  const [price, setPrice] = useState(program ? kronorText(program.price.amount) : "");
  const [active, setActive] = useState(program?.active ?? true);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const amount = parseKronor(price);
    if (amount === null)
      return setState({ busy: false, error: t("coachPrograms.badPrice") });
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
      aria-label={program ? t("coachPrograms.edit", { title: program.title }) : t("coachPrograms.newProgram")}
    >
      <label>
        {t("coachPrograms.programTitle")}
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          minLength={3}
          maxLength={120}
        />
      </label>
      <label>
        {t("coachPrograms.description")}
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={2000}
          rows={3}
        />
      </label>
      <label>
        {t("coachPrograms.price")}
        <input
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          inputMode="decimal"
          required
          placeholder="499,00"
        />
      </label>
      <label className="inline">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />{" "}
        {t("coachPrograms.forSale")}
      </label>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      <div>
        <button type="submit" disabled={state.busy}>
          {state.busy ? t("coachPrograms.saving") : t("coachPrograms.save")}
        </button>{" "}
        <button type="button" className="secondary" onClick={onDone}>
          {t("coachPrograms.cancel")}
        </button>
      </div>
    </form>
  );
}

/** A coach's programs: create, edit, take off sale. Prices are mirrored to Stripe by the server. */
export function CoachPrograms() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const { rows, error } = useLiveQuery<ProgramRow>(
    () => (user ? query(collection(db, "programs"), where("coachId", "==", user.uid)) : null),
    [user?.uid],
  );
  return (
    <section>
      <h1>{t("coachPrograms.title")}</h1>
      {editing === "new" ? (
        <ProgramForm onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing("new")}>
          {t("coachPrograms.newProgram")}
        </button>
      )}
      <LoadState what={t("coachPrograms.what")} rows={rows} error={error} />
      <ul className="grid" aria-label={t("coachPrograms.title")}>
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
              <p className="muted">{p.active ? t("coachPrograms.forSale") : t("coachPrograms.notForSale")}</p>
              <button type="button" className="secondary" onClick={() => setEditing(p.id)}>
                {t("coachPrograms.editButton")}
              </button>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
