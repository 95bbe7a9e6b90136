import { randomUUID } from "node:crypto";
import { expect, inject } from "vitest";
import { problemOf, Session, type Problem, type TaskDto, type TaskOrchestrationClient, type UserDto, type UserRole } from "../../src/index.js";
import { RequestRecorder } from "./recorder.js";

/** Someone signed in to the live API through the generated client, every request recorded. */
export interface Person {
  api: TaskOrchestrationClient;
  session: Session;
  user: UserDto;
  email: string;
  password: string;
}

/** The live API, its bootstrapped admin, and one recorder for every request the suite sends. */
export class World {
  readonly baseUrl = inject("apiUrl");
  readonly recorder = new RequestRecorder();
  private adminPerson: Person | undefined;

  /** A client without a token, recorded. */
  anonymous(): TaskOrchestrationClient {
    return new Session(this.baseUrl, { fetch: this.recorder.fetch }).client;
  }

  async admin(): Promise<Person> {
    this.adminPerson ??= await this.signIn(inject("adminEmail"), inject("adminPassword"));
    return this.adminPerson;
  }

  async signIn(email: string, password: string): Promise<Person> {
    const session = new Session(this.baseUrl, { fetch: this.recorder.fetch });
    await session.signIn(email, password);
    return { api: session.client, session, user: await session.client.getCurrentUser(), email, password };
  }

  /** A new account (a member unless a role is given), signed in after its role is set. */
  async newPerson(role: UserRole = "member"): Promise<Person> {
    const email = `${role}-${randomUUID()}@live.example.com`;
    const password = `Pw-${randomUUID()}`;
    const user = await this.anonymous().registerUser({ email, password, displayName: `Live ${role} ${email.slice(role.length + 1, role.length + 9)}` });
    if (role !== "member") {
      await (await this.admin()).api.changeUserRole(user.id, { role });
    }
    return this.signIn(email, password);
  }

  /** A pending task of the person's, with the given tags when any. */
  async task(person: Person, title = "Live task"): Promise<TaskDto> {
    return person.api.createTask({ title });
  }

  /** A task the person created and took (running). */
  async takenTask(person: Person): Promise<TaskDto> {
    const task = await this.task(person);
    return person.api.takeTask(task.id);
  }
}

/** The call failed with the typed problem the API answers: its status, stable code, and a trace id. */
export async function expectProblem(call: Promise<unknown>, status: number, code: string): Promise<Problem> {
  const error = await call.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error, `expected ${status} ${code}, but the call succeeded`).toBeDefined();
  const problem = problemOf(error);
  expect(problem, `not a problem of the API: ${String(error)}`).not.toBeNull();
  expect({ status: problem!.status, code: problem!.code }).toEqual({ status, code });
  expect(problem!.traceId).toEqual(expect.any(String));
  return problem!;
}

/** A random id that names nothing. */
export const unknownId = (): string => randomUUID();
