import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe("profile channels", () => {
  const env = useAppOnDatabase(15, { prefix: "prof", profile: false });
  const savedEnv = { PGPASSFILE: process.env.PGPASSFILE };

  afterAll(async () => {
    if (savedEnv.PGPASSFILE === undefined) delete process.env.PGPASSFILE;
    else process.env.PGPASSFILE = savedEnv.PGPASSFILE;
  });

  it("saves every field, duplicates with the password, exports a URI without it", async () => {
    const { app, db } = env;
    const saved = await app.call("profiles:save", {
      draft: {
        name: "Billing 'prod' ü=1",
        ...db.connection,
        tag: "production",
        sslmode: "disable",
        readOnly: true,
        connectTimeoutSeconds: 5,
        applicationName: "pgdesk-billing",
        group: "Billing",
      },
    });
    expect(saved).toMatchObject({
      tag: "production",
      sslmode: "disable",
      readOnly: true,
      connectTimeoutSeconds: 5,
      group: "Billing",
      hasPassword: true,
    });
    expect(saved).not.toHaveProperty("password");

    const copy = await app.call("profiles:duplicate", { id: saved.id });
    expect(copy).toMatchObject({
      name: "Billing 'prod' ü=1 (copy)",
      hasPassword: true,
      group: "Billing",
      readOnly: true,
    });
    expect(copy.id).not.toBe(saved.id);
    const tested = await app.call("profiles:test", { id: copy.id });
    expect(tested.tls).toEqual({ encrypted: false, verified: "none" });
    const again = await app.call("profiles:duplicate", { id: saved.id });
    expect(again.name).toBe("Billing 'prod' ü=1 (copy 2)");

    const { uri } = await app.call("profiles:exportUri", { id: saved.id });
    expect(uri).toBe(
      `postgresql://postgres@127.0.0.1:${db.connection.port}/${db.name}?sslmode=disable&connect_timeout=5&application_name=pgdesk-billing&options=-c%20default_transaction_read_only%3Don`,
    );
    expect(uri).not.toContain(db.connection.password);
    const list = await app.call("profiles:list", {});
    expect(list.map((p) => p.name)).toEqual([
      "Billing 'prod' ü=1",
      "Billing 'prod' ü=1 (copy 2)",
      "Billing 'prod' ü=1 (copy)",
    ]);
  });

  it("turns a pasted URI into a working draft", async () => {
    const { app, db } = env;
    const pasted = `postgresql://${db.connection.user}:${encodeURIComponent(db.connection.password)}@127.0.0.1:${db.connection.port}/${db.name}?sslmode=prefer&application_name=pasted`;
    const imported = await app.call("profiles:parseConnectionString", { text: pasted });
    expect(imported.draft).toMatchObject({
      host: "127.0.0.1",
      database: db.name,
      sslmode: "prefer",
      applicationName: "pasted",
    });
    expect(imported.password).toBe(db.connection.password);
    const tested = await app.call("profiles:test", {
      draft: { ...imported.draft, password: imported.password! },
    });
    expect(tested.serverVersionNum).toBeGreaterThan(150000);
  });

  it("rejects bad input naming the field, and saves nothing", async () => {
    const { app, db } = env;
    const before = await app.call("profiles:list", {});
    const cases: Array<[unknown, string]> = [
      [{ ...db.connection, name: "x", port: 0 }, "draft.port"],
      [{ ...db.connection, name: "x", sslmode: "sometimes" }, "draft.sslmode"],
      [{ ...db.connection, name: "x", host: "-oProxyCommand=evil" }, "draft.host"],
      [{ ...db.connection, name: "x", connectTimeoutSeconds: 0 }, "draft.connectTimeoutSeconds"],
      [{ ...db.connection, name: "x", applicationName: "naïve" }, "draft.applicationName"],
      [{ ...db.connection, name: "x", sslmode: "disable", sslRootCert: "/ca.pem" }, "sslmode"],
      [{ ...db.connection, name: "" }, "draft.name"],
    ];
    for (const [draft, field] of cases) {
      const result = await app.raw("profiles:save", { draft });
      expect(result, field).toMatchObject({ ok: false, error: { code: "VALIDATION", field } });
    }
    const parsed = await app.raw("profiles:parseConnectionString", { text: "postgresql://h/d?sslmode=nope" });
    expect(parsed).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "sslmode" } });
    expect(await app.call("profiles:list", {})).toEqual(before);
  });

  it("uses ~/.pgpass (PGPASSFILE) when the profile has no password, and says so", async () => {
    const { app, db } = env;
    const file = join(app.dataDir, "pgpass");
    await writeFile(
      file,
      `# test\n*:${db.connection.port}:${db.name}:${db.connection.user}:${db.connection.password.replace(/:/g, "\\:")}\n`,
      { mode: 0o600 },
    );
    process.env.PGPASSFILE = file;
    const saved = await app.call("profiles:save", {
      draft: { name: "pgpass", ...db.connection, password: null },
    });
    expect(saved.hasPassword).toBe(false);
    const tested = await app.call("profiles:test", { id: saved.id });
    expect(tested.passwordSource).toBe(`${file} line 2`);
    const { rows } = await app.ctx.db.query(saved.id, "SELECT current_database() AS db");
    expect(rows[0]).toEqual({ db: db.name });

    // a file others can read is ignored, with libpq's warning, as psql would
    await chmod(file, 0o644);
    const open = await app.raw("profiles:test", { id: saved.id });
    expect(open).toMatchObject({ ok: false, error: { code: "CONNECTION", field: "password" } });
    expect(app.log.lines.join("\n")).toContain(`password file "${file}" has group or world access`);
    await chmod(file, 0o600);
  });

  it("keeps the rest of a profile whose password cannot be decrypted, and asks for it again", async () => {
    const { app, db } = env;
    const saved = await app.call("profiles:save", { draft: { name: "broken secret", ...db.connection } });
    const path = join(app.dataDir, "profiles.json");
    const stored = JSON.parse(await readFile(path, "utf8")) as {
      profiles: Array<{ id: string; sealedPassword?: string }>;
    };
    stored.profiles.find((p) => p.id === saved.id)!.sealedPassword = "v1:AAAA:BBBB:CCCC";
    await writeFile(path, JSON.stringify(stored));
    const result = await app.raw("profiles:test", { id: saved.id });
    expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    if (!result.ok) expect(result.error.message).toMatch(/cannot be decrypted.*enter it again/);
    expect((await app.call("profiles:list", {})).find((p) => p.id === saved.id)).toMatchObject({
      name: "broken secret",
      hasPassword: true,
    });
    await app.call("profiles:save", { id: saved.id, draft: { name: "broken secret", ...db.connection } });
    expect((await app.call("profiles:test", { id: saved.id })).serverVersionNum).toBeGreaterThan(0);
  });
});
