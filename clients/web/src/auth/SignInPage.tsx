import { useState, type FormEvent } from "react";
import { Link } from "../app/routing";
import { formProblem, type FormProblem } from "../app/problems";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { PageHeading } from "../ui/PageHeading";
import { summaryOf } from "../ui/summary";

const labels = { email: "Email", password: "Password" };

/** Sign-in; once signed in, the app goes where the person was headed (Routes). */
export function SignInPage() {
  const { signIn } = useSession();
  const announce = useAnnounce();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signIn(email, password);
      announce("You are signed in.");
    } catch (error) {
      setProblem(formProblem(error));
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <PageHeading title="Sign in">Sign in</PageHeading>
      <ErrorSummary title="You are not signed in" items={summaryOf(problem, labels)} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field id="email" label={labels.email} type="email" autoComplete="username" value={email} onChange={setEmail} errors={problem?.fields.email} required />
        <Field id="password" label={labels.password} type="password" autoComplete="current-password" value={password} onChange={setPassword} errors={problem?.fields.password} required />
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p>
        No account yet? <Link to="/register">Create one</Link>.
      </p>
    </section>
  );
}
