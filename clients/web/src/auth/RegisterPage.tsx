import { useState, type FormEvent } from "react";
import { Link } from "../app/routing";
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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await register(email, password, displayName);
      announce("Your account is ready: you are signed in.");
    } catch (error) {
      setProblem(formProblem(error));
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
