import { useState, type FormEvent } from "react";
import { Link } from "../app/routing";
import { problemOf } from "@taskorchestration/client";
import { formProblem, type FormProblem } from "../app/problems";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { PageHeading } from "../ui/PageHeading";
import { summaryOf } from "../ui/summary";

const labels = { displayName: "Your name", email: "Email", password: "Password" };

/** Creates an account (a member) and signs it in. */
export function RegisterPage() {
  const { register } = useSession();
  const announce = useAnnounce();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const takenAddress =
    "We could not sign you in with this password. If the address already has an account, its owner has been sent an email: sign in with that account's password instead.";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await register(email, password, displayName);
      announce("Your account is ready: you are signed in.");
    } catch (error) {
      // The API answers a taken address as if the account were created (it emails the address's owner instead), so
      // the sign-in that follows is where a taken address shows.
      setProblem(problemOf(error)?.code === "invalid_credentials" ? { ...formProblem(error), message: takenAddress } : formProblem(error));
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <PageHeading title="Create an account">Create an account</PageHeading>
      <ErrorSummary title="The account was not created" items={summaryOf(problem, labels)} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field id="displayName" label={labels.displayName} autoComplete="name" value={displayName} onChange={setDisplayName} errors={problem?.fields.displayName} required />
        <Field id="email" label={labels.email} type="email" autoComplete="email" value={email} onChange={setEmail} errors={problem?.fields.email} required />
        <Field
          id="password"
          label={labels.password}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          errors={problem?.fields.password}
          hint="At least 12 characters."
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create account"}
        </button>
      </form>
      <p>
        Already registered? <Link to="/sign-in">Sign in</Link>.
      </p>
    </section>
  );
}
