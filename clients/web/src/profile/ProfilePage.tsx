import { useState, type FormEvent } from "react";
import { formProblem, type FormProblem } from "../app/problems";
import { useMe, useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { PageHeading } from "../ui/PageHeading";
import { summaryOf } from "../ui/summary";
import { ProfileNav } from "./ProfileNav";

const labels = { displayName: "Your name" };

/** The signed-in person: their name (editable), email and role. */
export function ProfilePage() {
  const { api, reload } = useSession();
  const me = useMe();
  const announce = useAnnounce();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api.updateProfile({ displayName });
      await reload();
      announce("Your name is saved.");
    } catch (error) {
      setProblem(formProblem(error));
    }
  };

  return (
    <section className="narrow">
      <PageHeading title="Your profile">Your profile</PageHeading>
      <ProfileNav />
      <dl className="details">
        <dt>Email</dt>
        <dd>{me.email}</dd>
        <dt>Role</dt>
        <dd>{me.role}</dd>
      </dl>
      <ErrorSummary title="Your name was not saved" items={summaryOf(problem, labels)} />
      <form onSubmit={(event) => void save(event)} noValidate>
        <Field id="displayName" label={labels.displayName} autoComplete="name" value={displayName} onChange={setDisplayName} errors={problem?.fields.displayName} required />
        <button type="submit">Save name</button>
      </form>
    </section>
  );
}
