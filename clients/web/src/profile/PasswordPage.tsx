import { useState, type FormEvent } from "react";
import { formProblem, type FormProblem } from "../app/problems";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { PageHeading } from "../ui/PageHeading";
import { summaryOf } from "../ui/summary";
import { ProfileNav } from "./ProfileNav";

const labels = { currentPassword: "Current password", newPassword: "New password" };

/** Changes the person's password; the API ends their other sessions (this one goes on). */
export function PasswordPage() {
  const { api } = useSession();
  const announce = useAnnounce();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      await api.changePassword({ currentPassword, newPassword });
      setCurrentPassword("");
      setNewPassword("");
      setDone(true);
      announce("Your password is changed. Your other sessions are signed out.");
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <PageHeading title="Change your password">Change your password</PageHeading>
      <ProfileNav />
      <ErrorSummary title="Your password was not changed" items={summaryOf(problem, labels)} />
      {done ? (
        <p className="success-text" data-testid="password-changed">
          Your password is changed. Every other browser or app signed in as you has been signed out.
        </p>
      ) : null}
      <form onSubmit={(event) => void save(event)} noValidate>
        <Field id="currentPassword" label={labels.currentPassword} type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrentPassword} errors={problem?.fields.currentPassword} required />
        <Field id="newPassword" label={labels.newPassword} type="password" autoComplete="new-password" value={newPassword} onChange={setNewPassword} errors={problem?.fields.newPassword} hint="At least 12 characters, not the current one." required />
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </form>
    </section>
  );
}
