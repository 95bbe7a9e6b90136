import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The real API as its own process, for the suites that test against it (this package's live suite, and the web app's
 * browser tests with the built app): the Release build that build/test.sh makes
 * (TaskOrchestration.WebApi.dll, role both), on a free port, against a database of its own on the server
 * TASKORCH_TEST_CONNECTION names, with a signing key made for the run, the outbox polled every 100 ms, emails written
 * to a folder, and, when given, a built web app served under /app.
 */
export interface ApiHost {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  stop(): Promise<void>;
}

export interface ApiHostOptions {
  /** Where the API's output goes. */
  logFile: string;
  /** Where the emails it sends are written, one .eml file each. */
  mailFolder: string;
  /** Names the database (taskorch_{purpose}_…), so that a leftover one says whose it is. */
  purpose: string;
  /** A built web app (its dist folder) to serve under /app. */
  webApp?: string;
  /** More settings, as environment variables (`Section__Key`). */
  settings?: Record<string, string>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../../..");

export async function startApi({ logFile, mailFolder, purpose, webApp, settings = {} }: ApiHostOptions): Promise<ApiHost> {
  const server = process.env.TASKORCH_TEST_CONNECTION;
  if (!server) {
    throw new Error("TASKORCH_TEST_CONNECTION is not set: run the tests with build/test.sh, or set it to a PostgreSQL server (no database named).");
  }
  const dll = process.env.TASKORCH_E2E_API_DLL ?? join(repoRoot, "src/WebApi/bin/Release/net10.0/TaskOrchestration.WebApi.dll");
  if (!existsSync(dll)) {
    throw new Error(`${dll} does not exist: build the API first (dotnet build TaskOrchestration.sln -c Release).`);
  }
  if (webApp !== undefined && !existsSync(join(webApp, "index.html"))) {
    throw new Error(`${webApp} holds no built app: run npm run build first.`);
  }

  const database = `taskorch_${purpose}_${Date.now()}_${process.pid}`;
  const keys = mkdtempSync(join(tmpdir(), `taskorch-${purpose}-keys-`));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  writeFileSync(join(keys, `${purpose}.pem`), privateKey, { mode: 0o600 });

  const adminEmail = `admin@${purpose}.example.com`;
  const adminPassword = randomBytes(18).toString("base64url");
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: "Testing",
    DOTNET_gcServer: "0",
    ConnectionStrings__Default: `${server};Database=${database}`,
    Jwt__KeysPath: keys,
    Bootstrap__AdminEmail: adminEmail,
    Bootstrap__AdminPassword: adminPassword,
    ...(webApp === undefined ? {} : { WebApp__Path: webApp }),
    Outbox__PollInterval: "00:00:00.100",
    // The emails the run's notifications send, as .eml files beside the run's other artifacts.
    Email__Delivery: "PickupFolder",
    Email__PickupFolder: mailFolder,
    // The tests sign several people in from one address within a minute.
    RateLimiting__Auth__PermitLimit: "1000",
    Logging__LogLevel__Default: "Warning",
    "Logging__LogLevel__Microsoft.Hosting.Lifetime": "Information",
    ...settings,
  };
  const log = createWriteStream(logFile);

  // `migrate` creates the database, applies the migrations and bootstraps the admin.
  const migrate = spawnSync("dotnet", [dll, "migrate"], { cwd: join(dll, ".."), env: environment, encoding: "utf8", timeout: 120_000 });
  log.write(`== migrate (exit ${migrate.status})\n${migrate.stdout}${migrate.stderr}\n== api\n`);
  if (migrate.status !== 0) {
    throw new Error(`migrate failed (exit ${migrate.status}): ${migrate.stdout}${migrate.stderr}`);
  }

  const api = spawn("dotnet", [dll, "--role", "both", "--urls", "http://127.0.0.1:0"], { cwd: join(dll, ".."), env: environment, stdio: ["ignore", "pipe", "pipe"] });
  api.stderr.pipe(log, { end: false });
  const baseUrl = await listeningAddress(api, log);
  await ready(baseUrl);

  return {
    baseUrl,
    adminEmail,
    adminPassword,
    async stop() {
      await stopProcess(api);
      log.end();
      dropDatabase(server, database);
      rmSync(keys, { recursive: true, force: true });
    },
  };
}

/** The address Kestrel chose for port 0, read from its "Now listening on:" line. */
function listeningAddress(api: ChildProcess, log: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolveAddress, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`The API did not start within 60 s:\n${seen}`)), 60_000);
    api.stdout!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      log.write(text);
      seen += text;
      const match = /Now listening on: (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolveAddress(match[1]);
      }
    });
    api.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The API exited (code ${code}) before listening:\n${seen}`));
    });
  });
}

async function ready(baseUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/ready`)).ok) {
        return;
      }
    } catch {
      // Not answering yet.
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`${baseUrl}/ready did not answer 200 within 30 s.`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Leaves the server as it was (test.sh's cluster is thrown away anyway; a developer's is not). */
function dropDatabase(server: string, database: string): void {
  const setting = (name: string) => new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*([^;]*)`, "i").exec(server)?.[1];
  const psql = ["/usr/lib/postgresql/15/bin/psql", "psql"].find((candidate) => candidate === "psql" || existsSync(candidate))!;
  spawnSync(psql, ["-h", setting("Host") ?? "127.0.0.1", "-p", setting("Port") ?? "5432", "-U", setting("Username") ?? "postgres", "-d", "postgres", "-c", `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`], {
    env: { ...process.env, PGPASSWORD: setting("Password") ?? "" },
    stdio: "ignore",
  });
}
