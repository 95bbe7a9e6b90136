import { useState, type FormEvent } from "react";
import type { EventType, NotificationPreferenceDto, NotificationPreferencesDto } from "@taskorchestration/client";
import { explainProblem } from "../app/problems";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { InlineError } from "../ui/InlineError";
import { PageHeading } from "../ui/PageHeading";
import { useLoad } from "../ui/useLoad";
import { ProfileNav } from "./ProfileNav";
import { LoadError } from "../ui/LoadError";

/** What each kind of notification is about, as a person would say it. */
const typeLabels: Record<EventType, string> = {
  taskCreated: "A task is created",
  taskPublished: "A draft of yours is published",
  taskTaken: "Someone takes a task of yours",
  taskCompleted: "A task of yours is completed",
  taskFailed: "A task of yours fails",
  taskReleased: "A task of yours is released",
  taskRetried: "A failed task of yours is retried",
  taskRequeued: "An automated task of yours is requeued",
  taskCancelled: "A task of yours is cancelled",
  taskUpdated: "A task of yours is edited",
  taskAssigned: "You are assigned a task",
  taskCommented: "Someone comments on a task of yours",
  taskOverdue: "A task of yours is overdue",
  taskArchived: "A task of yours is archived",
  taskUnarchived: "A task of yours is restored",
  dailySummary: "The daily summary",
};

type Choices = Record<string, { inApp: boolean; email: boolean }>;

function choicesOf(preferences: NotificationPreferenceDto[]): Choices {
  return Object.fromEntries(preferences.map((preference) => [preference.type, { inApp: preference.inApp, email: preference.email }]));
}

/** For each kind of notification: in the app's inbox, by email, both or neither (GET/PUT notification-preferences). */
export function NotificationSettingsPage() {
  const { api } = useSession();
  const announce = useAnnounce();
  const loaded = useLoad<NotificationPreferencesDto>("notification-preferences", (signal) => api.getNotificationPreferences(signal));
  // Only what the person changed since the settings were read: the boxes show the stored choices from the first
  // render that has them (copying them into state after that render showed every box unchecked for a moment).
  const [edits, setEdits] = useState<Choices>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const preferences = loaded.data?.preferences ?? [];
  const stored = choicesOf(preferences);
  const choices: Choices = { ...stored, ...edits };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const changes = Object.entries(edits)
      .filter(([type, choice]) => stored[type]?.inApp !== choice.inApp || stored[type]?.email !== choice.email)
      .map(([type, choice]) => ({ type: type as EventType, inApp: choice.inApp, email: choice.email }));
    if (changes.length === 0) {
      announce("Nothing to save: no choice changed.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      loaded.set(await api.updateNotificationPreferences({ preferences: changes }));
      setEdits({});
      announce("Your notification settings are saved.");
    } catch (failure) {
      setError(explainProblem(failure));
    } finally {
      setBusy(false);
    }
  };

  const set = (type: string, channel: "inApp" | "email", value: boolean) =>
    setEdits((current) => ({ ...current, [type]: { ...(current[type] ?? stored[type] ?? { inApp: false, email: false }), [channel]: value } }));
  return (
    <section className="narrow">
      <PageHeading title="Notification settings">Notification settings</PageHeading>
      <ProfileNav />
      <p>Choose how you are told of each thing: in the app (the Notifications page and its badge), by email, both or neither.</p>
      <LoadError what="Your settings" error={loaded.error} />
      {!loaded.data && loaded.loading ? <p className="loading">Loading…</p> : null}
      {preferences.length > 0 ? (
        <form onSubmit={(event) => void save(event)} noValidate>
          <table className="preferences" data-testid="notification-preferences">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">In the app</th>
                <th scope="col">By email</th>
              </tr>
            </thead>
            <tbody>
              {preferences.map((preference) => (
                <tr key={preference.type} data-type={preference.type}>
                  <th scope="row" id={`type-${preference.type}`}>
                    {typeLabels[preference.type]}
                    {preference.isDefault ? <span className="hint"> (as by default)</span> : null}
                  </th>
                  {(["inApp", "email"] as const).map((channel) => (
                    <td key={channel}>
                      <input
                        type="checkbox"
                        aria-label={`${typeLabels[preference.type]}: ${channel === "inApp" ? "in the app" : "by email"}`}
                        checked={choices[preference.type]?.[channel] ?? false}
                        onChange={(event) => set(preference.type, channel, event.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <InlineError message={error} />
          <button type="submit" disabled={busy}>
            Save notification settings
          </button>
        </form>
      ) : null}
    </section>
  );
}
