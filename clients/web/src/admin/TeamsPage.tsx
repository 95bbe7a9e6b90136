import { useState, type FormEvent } from "react";
import type { PersonDto, TeamDto } from "@taskorchestration/client";
import { explainProblem, formProblem, type FormProblem } from "../app/problems";
import { useNames } from "../session/PeopleProvider";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { Field } from "../ui/Field";
import { InlineError } from "../ui/InlineError";
import { PageHeading } from "../ui/PageHeading";
import { PersonPicker } from "../ui/PersonPicker";
import { useLoad } from "../ui/useLoad";
import { AdminNav } from "./AdminNav";
import { LoadError } from "../ui/LoadError";

/**
 * Managers and admins: the teams, a new one, and who is in each (people picked by name). A team's tasks are seen by
 * its members only (and managers and admins), and team-mates see each other's names.
 */
export function TeamsPage() {
  const { api } = useSession();
  const announce = useAnnounce();
  const teams = useLoad<TeamDto[]>("teams", (signal) => api.listTeams(signal));
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const team = await api.createTeam({ name: name.trim() });
      setName("");
      teams.set((current) => [...(current ?? []).filter((each) => each.id !== team.id), team]);
      announce(`Team ${team.name} created: add its members below.`);
    } catch (error) {
      setProblem(formProblem(error));
    }
  };
  const replace = (team: TeamDto) => teams.set((current) => (current ?? []).map((each) => (each.id === team.id ? team : each)));

  return (
    <section>
      <PageHeading title="Teams">Teams</PageHeading>
      <AdminNav />
      <form className="inline-form narrow" onSubmit={(event) => void create(event)} noValidate>
        <Field id="team-name" label="New team’s name" value={name} onChange={setName} errors={problem ? (problem.fields.name ?? [problem.message]) : undefined} />
        <button type="submit">Create team</button>
      </form>
      <LoadError what="The teams" error={teams.error} />
      {teams.data && teams.data.length === 0 ? (
        <p className="empty-state" data-testid="empty-state">
          There are no teams yet. Create one above, then add its members: a team’s tasks are seen by its members only.
        </p>
      ) : null}
      <div className="teams" data-testid="teams">
        {(teams.data ?? []).map((team) => (
          <Team key={team.id} team={team} onChanged={replace} />
        ))}
      </div>
    </section>
  );
}

function Team({ team, onChanged }: { team: TeamDto; onChanged(team: TeamDto): void }) {
  const { api } = useSession();
  const announce = useAnnounce();
  const nameOf = useNames(team.memberIds);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = `team-${team.id}`;

  const change = async (send: () => Promise<TeamDto>, done: string, afterwards?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await send());
      announce(done);
      afterwards?.();
    } catch (failure) {
      setError(explainProblem(failure));
    } finally {
      setBusy(false);
    }
  };
  const add = (person: PersonDto) => void change(() => api.addTeamMember(team.id, person.id), `${person.displayName} joined ${team.name}.`);
  const remove = (id: string) =>
    // The button pressed is gone with the member: the keyboard starts again from the team's heading.
    void change(() => api.removeTeamMember(team.id, id), `${nameOf(id)} left ${team.name}.`, () => document.getElementById(titleId)?.focus());

  return (
    <section className="team" aria-labelledby={titleId} data-team={team.name}>
      <h2 id={titleId} tabIndex={-1}>
        {team.name}
      </h2>
      {team.memberIds.length === 0 ? <p>No members yet: add the first one below.</p> : null}
      <ul className="people" data-testid="members">
        {team.memberIds.map((id) => (
          <li key={id}>
            <span>{nameOf(id)}</span>
            <button type="button" className="link-button" disabled={busy} onClick={() => remove(id)}>
              Remove<span className="visually-hidden"> {nameOf(id)} from {team.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <PersonPicker id={`add-member-${team.id}`} label={`Add someone to ${team.name}`} onPick={add} exclude={team.memberIds} clearOnPick errorId={error ? `${titleId}-error` : undefined} />
      <InlineError id={`${titleId}-error`} message={error} />
    </section>
  );
}
