/**
 * Who is signed in and with which role. The role is the custom claim in the ID token (what
 * the server and rules check), not a field the client could edit.
 */
import { onIdTokenChanged, signOut, type User } from "firebase/auth";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { auth } from "./firebase";
import { callable } from "./lib/callable";
import { isRole, type Role } from "./lib/roles";

interface Session {
  loading: boolean;
  user: User | null;
  role: Role | null;
  /** How this session signed in beyond the password (`firebase.sign_in_second_factor`): "totp" or null. */
  secondFactor: string | null;
  /** Signed out with the Sign out button: the sign-in page, not a deep link back (?next=). */
  signedOutOnPurpose: boolean;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session>({
  loading: true,
  user: null,
  role: null,
  secondFactor: null,
  signedOutOnPurpose: false,
  signOut: async () => {},
});

const ensureProfile = callable("ensureUserProfile");

export function SessionProvider({ children }: { children: ReactNode }) {
  const [signedOutOnPurpose, setSignedOutOnPurpose] = useState(false);
  const [state, setState] = useState<Omit<Session, "signOut" | "signedOutOnPurpose">>({
    loading: true,
    user: null,
    role: null,
    secondFactor: null,
  });

  useEffect(
    () =>
      onIdTokenChanged(auth, async (user) => {
        if (!user) return setState({ loading: false, user: null, role: null, secondFactor: null });
        setSignedOutOnPurpose(false);
        let token = await user.getIdTokenResult();
        if (!isRole(token.claims["role"])) {
          // A self-registered user gets a profile and the customer role on first sign-in.
          await ensureProfile({});
          token = await user.getIdTokenResult(true);
        }
        const role = token.claims["role"];
        setState({ loading: false, user, role: isRole(role) ? role : null, secondFactor: token.signInSecondFactor });
      }),
    [],
  );

  return (
    <SessionContext.Provider
      value={{
        ...state,
        signedOutOnPurpose,
        signOut: () => {
          setSignedOutOnPurpose(true);
          return signOut(auth);
        },
      }}
    >
      {children}
    </SessionContext.Provider>
  );
}

export const useSession = (): Session => useContext(SessionContext);
