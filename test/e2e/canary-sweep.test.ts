import { generateKeyPairSync, randomBytes } from "node:crypto";
import { appendFile, chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { utils as sshUtils } from "ssh2";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { scramVerifier, startEmbeddedServer, type EmbeddedServer } from "../../src/main/db/embedded-postgres";
import { KeyFileSecretStore } from "../../src/main/features/profiles/secret-store";
import type { Job } from "../../src/shared/contract/backup";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { until } from "../harness/until";
import { startTestSshd, type TestSshd } from "../integration/profiles/sshd-fixture";
import {
  makeClientCertificate,
  makeTestCertificates,
  type ClientCertificate,
  type TestCertificates,
} from "../integration/profiles/tls-certificates";
import { HostClient } from "./support/host-client";
import {
  filesUnder,
  NewFileWatcher,
  ProcSampler,
  scanFiles,
  secretForms,
  findForms,
  type Leak,
} from "./support/secret-sweep";
import { startE2eApp, type E2eApp } from "./support/e2e-app";

/**
 * Issue #11, secrets: one canary password, used everywhere a password goes (a PostgreSQL
 * role's password, an SSH key's passphrase and a TLS client key's passphrase, in three
 * saved profiles, for tests, queries,
 * backups with test restores, restores through pg_restore and psql, and an SSH tunnel),
 * plus the demo's own generated password, must never show up in any process's argv, the
 * environment of pgdesk's children, the host's output, any HTTP answer or WebSocket frame,
 * or any file pgdesk or its children wrote (data folder, backup folder, temp folders),
 * in plain text or escaped or encoded; only the encrypted store holds them, sealed.
 */
describe("secrets sweep: one canary password across the real web host", () => {
  const hex = randomBytes(6).toString("hex");
  // a space, URL and pgpass metacharacters, quotes and a backslash: every escaping differs
  const canary = `Canary-${hex} p@ss:w/rd'\\"-pw`;
  const role = `canary_${hex}`;
  let work: string;
  let dataDir: string;
  let hostTmp: string;
  let backups: string;
  let tmpBefore: Set<string>;
  let db: FreshDatabase;
  let sshd: TestSshd;
  let keyFile: string;
  let certs: TestCertificates | undefined;
  let clientCert: ClientCertificate;
  let tlsServer: EmbeddedServer | undefined;
  let app: E2eApp | undefined;
  let client: HostClient;
  let sampler: ProcSampler | undefined;
  const watcher = new NewFileWatcher();

  beforeAll(async () => {
    tmpBefore = new Set(await readdir(tmpdir()));
    work = await mkdtemp(join(tmpdir(), "pgdesk-canary-"));
    await chmod(work, 0o755);
    [dataDir, hostTmp, backups] = ["data", "tmp", "backups"].map((d) => join(work, d)) as [
      string,
      string,
      string,
    ];
    for (const d of [dataDir, hostTmp, backups]) await mkdir(d, { mode: 0o755 });

    // the role's password is set as a SCRAM verifier: the canary is in no statement text either
    db = await freshDatabase(15, "canary");
    await db.pool.query(`CREATE ROLE ${role} LOGIN CREATEDB PASSWORD '${scramVerifier(canary)}'`);
    await db.pool.query(`ALTER DATABASE ${db.name} OWNER TO ${role}`);
    const owner = new pg.Client({ ...db.connection, user: role, password: canary });
    await owner.connect();
    try {
      // enough rows that pg_restore and psql run long enough to be sampled several times
      await owner.query(
        "CREATE TABLE big AS SELECT g AS id, md5(g::text) AS note FROM generate_series(1, 150000) g",
      );
      await owner.query("ALTER TABLE big ADD PRIMARY KEY (id)");
      await owner.query("CREATE TABLE small (k text PRIMARY KEY); INSERT INTO small VALUES ('a'), ('b')");
    } finally {
      await owner.end();
    }

    // an SSH key whose passphrase is the canary (made in-process: ssh-keygen -N would put it in argv)
    sshd = await startTestSshd();
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase: canary },
      publicKeyEncoding: { type: "pkcs1", format: "pem" },
    });
    const parsed = sshUtils.parseKey(privateKey, canary);
    if (parsed instanceof Error) throw parsed;
    keyFile = join(work, "id_canary");
    await writeFile(keyFile, privateKey, { mode: 0o600 });
    await appendFile(
      join(dirname(sshd.userKey), "authorized_keys"),
      `${parsed.type} ${parsed.getPublicSSH().toString("base64")} canary\n`,
    );

    // a TLS server whose superuser password is the canary, for a client key whose passphrase is the canary
    certs = await makeTestCertificates();
    clientCert = await makeClientCertificate(certs, "postgres", canary);
    await mkdir(join(work, "tls-pg"), { mode: 0o777 });
    await chmod(join(work, "tls-pg"), 0o777);
    tlsServer = await startEmbeddedServer({
      dataDir: join(work, "tls-pg", "data"),
      password: canary,
      settings: {
        ssl: "on",
        ssl_cert_file: certs.serverCert,
        ssl_key_file: certs.serverKey,
        ssl_ca_file: certs.caCert,
        fsync: "off",
      },
    });

    watcher.watch(hostTmp, true);
    watcher.watch(tmpdir(), false);
    // a pg_service.conf entry with the canary as its password: listing services must not send it
    const serviceFile = join(work, "pg_service.conf");
    await writeFile(
      serviceFile,
      `[canary_svc]\nhost=127.0.0.1\nport=${db.connection.port}\ndbname=${db.name}\nuser=${role}\npassword=${canary}\n`,
      { mode: 0o600 },
    );
    app = await startE2eApp({
      dataDir,
      env: { TMPDIR: hostTmp, PGSERVICEFILE: serviceFile, PGSYSCONFDIR: join(work, "no-sysconf") },
      browser: false,
    });
    sampler = new ProcSampler(app.host.pid);
    sampler.start();
    client = new HostClient(app.host);
    await client.connectEvents();
  });

  afterAll(async () => {
    await sampler?.stop();
    await watcher.stop();
    client?.close();
    await app?.close();
    await sshd?.dispose();
    await tlsServer?.stop();
    if (certs) await rm(certs.dir, { recursive: true, force: true });
    await db?.drop();
    const admin = new pg.Client({
      host: db.server.host,
      port: db.server.port,
      user: db.server.user,
      password: db.server.password,
      database: "postgres",
    });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ d: string }>(
        "SELECT datname AS d FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = $1)",
        [role],
      );
      for (const { d } of rows) await admin.query(`DROP DATABASE "${d}" WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
    } finally {
      await admin.end();
    }
    await rm(work, { recursive: true, force: true });
  });

  it("never appears in argv, environ, output, payloads or files; only sealed in the store", async () => {
    let output = "";
    onTestFailed(() => console.log(`web host output:\n${(output || app!.host.output()).slice(-20_000)}`));
    // the demo is built meanwhile: its server's initdb and its generated password are swept too
    const demo = client.raw("demo:create", { size: "demo" });
    demo.catch(() => undefined); // awaited below; a failure before that is reported by the step that failed

    const direct = {
      name: "canary direct",
      host: db.connection.host,
      port: db.connection.port,
      database: db.name,
      user: role,
      password: canary,
    };
    const ssh = {
      host: "127.0.0.1",
      port: sshd.port,
      user: sshd.user,
      auth: "key" as const,
      keyFile,
      hostKey: sshd.hostFingerprint,
    };
    const directId = (await client.call("profiles:save", { draft: direct })).id;
    const sshId = (
      await client.call("profiles:save", {
        draft: { ...direct, name: "canary via ssh", ssh, sshSecret: canary },
      })
    ).id;
    const tls = {
      name: "canary client key",
      host: "localhost",
      port: tlsServer!.port,
      database: "postgres",
      user: "postgres",
      password: canary,
      sslmode: "verify-full" as const,
      sslRootCert: certs!.caCert,
      sslCert: clientCert.cert,
      sslKey: clientCert.encryptedKey,
      sslPassword: canary,
    };
    const tlsId = (await client.call("profiles:save", { draft: tls })).id;

    // failures carry the canary in the request; their answers must not echo it
    const failing = [
      { ...direct, port: 1 },
      { ...direct, user: `${role}_nobody` },
      { ...direct, ssh: { ...ssh, auth: "password" as const }, sshSecret: canary },
      {
        ...direct,
        ssh: { ...ssh, hostKey: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
        sshSecret: canary,
      },
      { ...tls, sslPassword: `wrong ${canary}` },
      { ...tls, password: `wrong ${canary}` },
    ];
    for (const draft of failing) expect((await client.raw("profiles:test", { draft })).ok).toBe(false);

    for (const id of [directId, sshId, tlsId]) {
      expect((await client.raw("profiles:test", { id })).ok).toBe(true);
      for (const ch of ["profiles:exportUri", "profiles:connectionStatus", "profiles:retryConnection"])
        await client.raw(ch, { id });
      for (const ch of [
        "server:overview",
        "health:report",
        "health:sample",
        "activity:sessions",
        "schema:introspect",
        "indexes:report",
        "query:completions",
        "backup:tools",
        "backup:objects",
        "audit:detect",
        "migrations:history",
      ]) {
        await client.raw(ch, { profileId: id });
      }
      const session = await client.call("query:openSession", { profileId: id });
      const run = await client.raw("query:run", {
        sessionId: session.sessionId,
        runId: `r${hex}`,
        sql: "SELECT current_user AS who, count(*) AS n FROM pg_class",
      });
      expect(run.ok).toBe(true);
      await client.call("query:closeSession", { sessionId: session.sessionId });
    }
    await client.raw("profiles:list", {});
    const services = await client.call("profiles:listServices", {});
    expect(services.services.map((s) => s.name)).toEqual(["canary_svc"]);
    await client.raw("query:history", {});
    await client.raw("backup:preview", {
      profileId: sshId,
      database: db.name,
      folder: backups,
      format: "directory",
      jobs: 2,
    });

    // backup through the tunnel, parallel: pg_dump -j2, then a test restore by pg_restore -j2;
    // a lock holds pg_dump at its start until the sampler has seen it run
    const lock = new pg.Client(db.connection);
    await lock.connect();
    await lock.query("BEGIN");
    await lock.query("LOCK TABLE big IN ACCESS EXCLUSIVE MODE");
    let dirJob: string;
    try {
      ({ jobId: dirJob } = await client.call("backup:start", {
        profileId: sshId,
        database: db.name,
        folder: backups,
        format: "directory",
        jobs: 2,
        testRestore: true,
      }));
      await until(
        () => (sampler!.programSamples.get("pg_dump") ?? 0) >= 3,
        "the sampler to see pg_dump",
        60_000,
      );
    } finally {
      await lock.query("ROLLBACK");
      await lock.end();
    }
    const dirBackup = await finished(dirJob);
    // a plain backup, directly: psql runs its test restore
    const plainBackup = await finished(
      (
        await client.call("backup:start", {
          profileId: directId,
          database: db.name,
          folder: backups,
          format: "plain",
          testRestore: true,
        })
      ).jobId,
    );
    for (const job of [dirBackup, plainBackup]) expect(job.error?.message ?? job.state).toBe("succeeded");

    // the client key's passphrase cannot reach pg_dump safely: backups of that profile are refused
    const tlsBackup = await client.raw("backup:start", {
      profileId: tlsId,
      database: "postgres",
      folder: backups,
    });
    if (tlsBackup.ok)
      expect((await finished((tlsBackup.value as { jobId: string }).jobId)).state).toBe("failed");

    const restored = { dir: `${role}_dir`, plain: `${role}_plain` };
    // psql restores quickly: into an existing database whose schema public we hold
    // (DROP SCHEMA in an open transaction) so that psql waits until the sampler has seen it
    await db.pool.query(`CREATE DATABASE ${restored.plain} OWNER ${role}`);
    const hold = new pg.Client({ ...db.connection, database: restored.plain });
    await hold.connect();
    let restores: Array<{ jobId: string }>;
    try {
      await hold.query("BEGIN");
      await hold.query("DROP SCHEMA public CASCADE");
      const psqlBefore = sampler!.programSamples.get("psql") ?? 0;
      restores = await Promise.all([
        client.call("backup:restore", {
          profileId: sshId,
          folder: backups,
          file: dirBackup.file,
          target: "new",
          database: restored.dir,
          jobs: 2,
        }),
        client.call("backup:restore", {
          profileId: directId,
          folder: backups,
          file: plainBackup.file,
          target: "existing",
          database: restored.plain,
          confirm: restored.plain,
        }),
      ]);
      await until(
        () => (sampler!.programSamples.get("psql") ?? 0) >= psqlBefore + 3,
        "the sampler to see psql",
        60_000,
      );
    } finally {
      await hold.query("ROLLBACK");
      await hold.end();
    }
    for (const r of restores) expect((await finished(r.jobId)).state).toBe("succeeded");
    for (const database of Object.values(restored)) {
      const c = new pg.Client({ ...db.connection, database });
      await c.connect();
      try {
        expect((await c.query("SELECT count(*)::int AS n FROM big")).rows[0].n).toBe(150_000);
      } finally {
        await c.end();
      }
    }
    for (const b of [dirBackup, plainBackup])
      await client.raw("backup:verify", { folder: backups, file: b.file });
    await client.raw("backup:list", { folder: backups });
    await client.raw("backup:jobs", {});

    const built = await demo;
    expect(built.error?.message ?? "created").toBe("created");
    const demoStatus = await client.call("demo:status", {});
    expect(demoStatus.state).toBe("running");
    const demoId = demoStatus.profileId!;
    expect((await client.raw("profiles:test", { id: demoId })).ok).toBe(true);
    await client.raw("server:overview", { profileId: demoId });
    await client.raw("profiles:list", {});

    // everything ran: stop watching, stop the host (it stops the demo server), then look
    await sampler!.stop();
    await watcher.stop();
    client.close();
    output = app!.host.output();
    await app!.stopHost();

    // the store holds both secrets, sealed; open them with the host's own key file
    const store = JSON.parse(await readFile(join(dataDir, "profiles.json"), "utf8")) as {
      profiles: Array<{
        id: string;
        sealedPassword?: string;
        sealedSshSecret?: string;
        sealedSslPassword?: string;
      }>;
    };
    const sealed = new KeyFileSecretStore(join(dataDir, "secret.key"));
    const stored = (id: string) => store.profiles.find((p) => p.id === id)!;
    expect(await sealed.open(stored(directId).sealedPassword!)).toBe(canary);
    expect(await sealed.open(stored(sshId).sealedSshSecret!)).toBe(canary);
    expect(await sealed.open(stored(tlsId).sealedSslPassword!)).toBe(canary);
    const demoPassword = await sealed.open(stored(demoId).sealedPassword!);
    const forms = [...secretForms(canary, "canary"), ...secretForms(demoPassword, "demo password")];

    const leaks: Leak[] = [...sampler!.leaks(forms), ...watcher.leaks(forms)];
    for (const r of client.recorded)
      for (const f of findForms(r.body, forms))
        leaks.push({ where: `${r.kind} ${r.label}`, secret: f.secret, form: f.form });
    for (const f of findForms(output, forms))
      leaks.push({ where: "web host output", secret: f.secret, form: f.form });
    const createdInTmp = (await readdir(tmpdir()))
      .filter((n) => !tmpBefore.has(n) && join(tmpdir(), n) !== work)
      .map((n) => join(tmpdir(), n));
    const paths = (await Promise.all([dataDir, backups, hostTmp, ...createdInTmp].map(filesUnder))).flat();
    const files = await scanFiles(paths, forms);
    leaks.push(...files.leaks);

    const programs = Object.fromEntries(sampler!.programSamples);
    console.log(
      [
        `canary sweep: ${sampler!.samples} /proc samples, ${sampler!.argvReads} argv reads, ${sampler!.environReads} environ reads of pgdesk's children`,
        `  ${sampler!.children.size} child processes of the host seen, samples per program: ${JSON.stringify(programs)}`,
        `  ${sampler!.texts.size} distinct argv/environ texts kept and checked for the demo password too`,
        `  ${watcher.reads} files read the moment they appeared in temp folders, ${files.files} files (${(files.bytes / 1e6).toFixed(1)} MB) scanned afterwards`,
        `  ${client.recorded.filter((r) => r.kind === "http").length} HTTP answers and ${client.recorded.filter((r) => r.kind === "ws").length} WebSocket frames recorded, ${output.split("\n").length} output lines`,
        `  ${forms.length} forms searched (plain, UTF-16, JSON, SQL, pgpass, URL, hex, base64 x3 alignments, the plain run alone) for 2 secrets; leaks: ${leaks.length}`,
      ].join("\n"),
    );
    expect(leaks).toEqual([]);
    for (const program of ["pg_dump", "pg_restore", "psql", "postgres"])
      expect(programs[program] ?? 0, program).toBeGreaterThan(0);
    expect(files.files).toBeGreaterThan(50);
    expect(client.recorded.length).toBeGreaterThan(40);
  }, 600_000);

  const FINAL = new Set(["succeeded", "failed", "cancelled"]);
  async function finished(jobId: string): Promise<Job> {
    return until(
      async () => (await client.call("backup:jobs", {})).find((j) => j.id === jobId && FINAL.has(j.state)),
      `job ${jobId} to finish`,
      180_000,
    );
  }
});
