import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeFolder, tempFolder } from "../integration/backup/support";
import { createHostileDatabase, ident, type HostileDatabase } from "./fixtures/hostile-database";
import {
  allPayloads,
  applications,
  audit,
  CANARY,
  migration,
  names,
  protoKeys,
  sessionQueryMarker,
  statementMarker,
  values,
} from "./fixtures/hostile-payloads";
import type { ShellPage } from "./pages/shell.page";
import { startE2eApp, type E2eApp } from "./support/e2e-app";
import { activeMarkup, MarkupSafetyLedger } from "./support/markup-safety";

/** A plan names a relation as EXPLAIN's text prints it: a quoted identifier (inner quotes doubled). */
const planTable = { payload: names.table, shown: ident(names.table) };

const xmlEscaped = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A server whose every name, value, comment, message, session and audit snapshot is
 * script or markup: each screen must show them as text, run none of them, and report
 * no CSP violation.
 */
describe("a hostile server's names, values and messages on every screen", () => {
  let h: HostileDatabase;
  let app: E2eApp;
  let ledger: MarkupSafetyLedger;
  let shell: ShellPage;
  let folder: string;

  beforeAll(async () => {
    h = await createHostileDatabase();
    folder = await tempFolder("pgdesk-e2e-hostile-");
    app = await startE2eApp({ profile: { name: values.profileName, ...h.login } });
    ledger = new MarkupSafetyLedger(app.browser, allPayloads(), CANARY);
    shell = app.pages.shell;
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
    if (folder) await removeFolder(folder);
  });

  it("Connections and Overview: a profile and a database named with markup", async () => {
    const overview = app.pages.overview;
    await ledger.expectLiteral("overview", app.page.getByTestId("database-list"), [names.database]);
    await ledger.expectLiteral("overview", shell.currentProfile(), [values.profileName]);
    await ledger.expectLiteral("overview", app.page.getByTestId("server-overview"), [names.role]);
    await ledger.expectLiteral("overview", shell.profileHeader(), [names.role]);
    await overview.databaseRow(names.database).waitFor();
    await ledger.expectInert("overview");

    await shell.goTo("connections");
    await ledger.expectLiteral("connections", app.page.getByTestId("profile-list"), [
      values.profileName,
      names.role,
    ]);
    await ledger.expectInert("connections");
  });

  it("Dashboard: sessions, queries, sequences, invalid indexes and constraints in the checks' evidence", async () => {
    await shell.goTo("dashboard");
    const dash = app.pages.dashboard;
    await dash.waitForChecks();
    for (const id of [
      "connections",
      "idleInTransaction",
      "lockWaiters",
      "sequences",
      "invalidIndexes",
      "notValidConstraints",
      "statements",
    ])
      await dash.showRows(id);
    await ledger.expectLiteral("dashboard", dash.check("connections"), [
      applications.blocker,
      applications.waiter,
      applications.idle,
      names.role,
    ]);
    await ledger.expectLiteral("dashboard", dash.check("statements"), [statementMarker]);
    await ledger.expectLiteral("dashboard", dash.check("idleInTransaction"), [
      applications.blocker,
      sessionQueryMarker,
    ]);
    await ledger.expectLiteral("dashboard", dash.check("lockWaiters"), [
      applications.waiter,
      names.role,
      names.colJsUrl,
      values.cellJsUrl,
    ]);
    // named as regclass prints it: a quoted, schema-qualified identifier
    await ledger.expectLiteral("dashboard", dash.check("sequences"), [
      { payload: names.sequence, shown: `${ident(names.schema)}.${ident(names.sequence)}` },
    ]);
    await ledger.expectLiteral("dashboard", dash.check("invalidIndexes"), [names.invalidIndex, names.schema]);
    await ledger.expectLiteral("dashboard", dash.check("notValidConstraints"), [names.notValidCheck]);
    await ledger.expectInert("dashboard");
  });

  it("Activity: application names, users and query texts in the sessions table and the blocking tree", async () => {
    await shell.goTo("activity");
    const activity = app.pages.activity;
    await activity.waitForLoaded();
    await activity.includeIdle();
    await ledger.expectLiteral("activity", activity.node(h.pids.blocker), [sessionQueryMarker]);
    await ledger.expectLiteral("activity", activity.node(h.pids.waiter), [names.colJsUrl, values.cellJsUrl]);
    expect(await activity.node(h.pids.waiter).getAttribute("data-depth")).toBe("1");
    await ledger.expectLiteral("activity", activity.session(h.pids.blocker), [
      applications.blocker,
      sessionQueryMarker,
    ]);
    await ledger.expectLiteral("activity", activity.session(h.pids.waiter), [
      applications.waiter,
      names.role,
    ]);
    await ledger.expectLiteral("activity", activity.session(h.pids.idle), [
      applications.idle,
      values.cellScript,
    ]);
    await ledger.expectInert("activity");
    await h.releaseLock();
  });

  it("Query: names and values in the grid and cell viewer, completion, notices, a raised error, the error marker and EXPLAIN", async () => {
    await shell.goTo("query");
    const query = app.pages.query;
    await query.waitForEditor();
    await query.paste(h.sql.select);
    await query.run();
    await query.row(1).waitFor();
    await ledger.expectLiteral("query grid", query.grid(), [
      names.colScript,
      names.colTemplate,
      names.colJsUrl,
      names.colBidi,
      values.cellScript,
      values.cellImg,
      values.cellJsUrl,
      values.cellTemplate,
      values.cellIframe,
      values.cellBidi,
      names.enumLabel,
    ]);
    await ledger.expectInert("query grid");
    await query.openCell(0, 6);
    await ledger.expectLiteral("query cell viewer", query.cellViewer(), [values.cellLong]);
    await ledger.expectInert("query cell viewer");

    // completion after a quoted hostile schema name lists its tables and inserts the name quoted, so the statement runs
    await query.suggestFor(`SELECT * FROM ${ident(names.schema)}.`, "kid");
    await ledger.expectLiteral("query autocomplete", app.page.locator(".suggest-widget"), [names.childTable]);
    await app.page.keyboard.press("Enter");
    await query.run();
    await query.row(1).waitFor();
    await ledger.expectLiteral("query grid", query.grid(), [
      protoKeys.proto,
      protoKeys.ctor,
      protoKeys.toString,
      protoKeys.value,
    ]);
    await ledger.expectInert("query grid");

    await query.suggestFor("SELECT * FROM ", "onerror");
    await ledger.expectLiteral("query autocomplete", app.page.locator(".suggest-widget"), [names.table]);
    await ledger.expectInert("query autocomplete");
    await app.page.keyboard.press("Escape");

    await query.paste(h.sql.notice);
    await query.run();
    await query.waitUntilIdle();
    await query.showMessages();
    await ledger.expectLiteral("query messages", app.page.getByTestId("notice"), [
      values.notice,
      values.noticeDetail,
    ]);
    await ledger.expectInert("query messages");

    await query.paste(h.sql.error);
    await query.run();
    await query.statementError().waitFor();
    await ledger.expectLiteral("query error", query.statementError(), [
      values.error,
      values.errorDetail,
      values.errorHint,
    ]);
    await ledger.expectInert("query error");

    // the server's message, which quotes the hostile name, on the editor's error marker
    await query.paste(`SELECT * FROM ${ident(names.schema)}.nope`);
    await query.run();
    await query.statementError().waitFor();
    await ledger.expectLiteral("query error marker", await query.hoverErrorMarker(), [names.schema]);
    await ledger.expectInert("query error marker");

    await query.paste(h.sql.plan);
    await query.explain();
    const panel = query.explainPanel();
    await ledger.expectLiteral("query explain", panel.getByTestId("plan-tree"), [
      names.planFunction,
      planTable,
    ]);
    await panel.getByTestId("plan-node-label").filter({ hasText: planTable.shown }).first().click();
    await ledger.expectLiteral("query explain", panel.getByTestId("plan-node-details"), [values.planFilter]);
    await ledger.expectInert("query explain");
  });

  it("Plans: a plan from the connection names the function and shows the filter as text", async () => {
    await shell.goTo("plans");
    const plans = app.pages.plans;
    await plans.explainOnConnection(h.sql.plan);
    const panel = plans.explainPanel();
    await ledger.expectLiteral("plans", panel.getByTestId("plan-tree"), [names.planFunction, planTable]);
    await panel.getByTestId("plan-node-label").filter({ hasText: planTable.shown }).first().click();
    await ledger.expectLiteral("plans", panel.getByTestId("plan-node-details"), [values.planFilter]);
    await panel.getByTestId("plan-tab-flame").click();
    await ledger.expectLiteral("plans flame", panel.getByTestId("plan-flame"), [
      names.planFunction,
      planTable,
    ]);
    await ledger.expectInert("plans");
  });

  it("Schema: tree, details, comments, DDL, data and the ER diagram of objects named with markup", async () => {
    await shell.goTo("schema");
    const schema = app.pages.schema;
    await schema.waitForLoaded();
    await schema.openObject("table", names.schema, names.table, "tbl");
    await schema.expand("table", names.schema, names.table);
    await ledger.expectLiteral("schema tree", app.page.getByTestId("schema-tree"), [
      names.schema,
      names.table,
      names.colScript,
      names.colBidi,
    ]);
    await ledger.expectLiteral("schema details", schema.details(), [
      names.schema,
      names.table,
      names.role,
      values.tableComment,
      values.columnComment,
      names.colScript,
      names.colTemplate,
      names.colJsUrl,
      names.colBidi,
      names.index,
      names.notValidCheck,
    ]);
    await ledger.expectInert("schema details");

    await schema.openTab("ddl");
    await ledger.expectLiteral("schema DDL", schema.ddl(), [
      names.schema,
      names.colScript,
      names.colTemplate,
      names.colJsUrl,
      names.index,
      values.tableComment,
    ]);
    await ledger.expectInert("schema DDL");

    await schema.openTab("data");
    await schema.dataRows().nth(1).waitFor();
    await ledger.expectLiteral("schema data", schema.dataGrid(), [
      names.colScript,
      names.colTemplate,
      names.colJsUrl,
      values.cellScript,
      values.cellImg,
      values.cellJsUrl,
      values.cellTemplate,
      values.cellIframe,
      values.cellBidi,
      names.enumLabel,
    ]);
    // the grid re-reads sorted by a hostile column name and counts exactly: the name is quoted, never spliced
    await schema.sortDataBy(names.colScript);
    await expect.poll(() => schema.dataRows().first().textContent()).toContain(values.cellImg);
    expect(await schema.exactRowCount()).toBe("2 rows (exact)");
    // and filters on another with a value that is markup too
    await schema.filterData(names.colTemplate, "=", values.cellIframe);
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length === 1);
    await expect.poll(() => schema.dataRows().first().textContent()).toContain(values.cellIframe);
    expect(await schema.exactRowCount()).toMatch(/^1 rows? \(exact\)$/);
    await ledger.expectInert("schema data");

    await schema.openTab("details");
    await schema.openObject("table", names.schema, names.childTable, "kid");
    await ledger.expectLiteral("schema details", schema.details(), [
      names.childTable,
      names.colFk,
      names.fkConstraint,
      names.invalidIndex,
      protoKeys.proto,
      protoKeys.ctor,
    ]);
    await schema.openTab("data");
    await schema.dataRows().nth(1).waitFor();
    await ledger.expectLiteral("schema data", schema.dataGrid(), [
      protoKeys.proto,
      protoKeys.ctor,
      protoKeys.toString,
      protoKeys.value,
    ]);
    await ledger.expectInert("schema data");
    await schema.openTab("er");
    expect(await schema.erTables()).toEqual(
      [`${names.schema}.${names.childTable}`, `${names.schema}.${names.table}`].sort(),
    );
    await ledger.expectLiteral("schema ER", schema.erDiagram(), [
      names.schema,
      names.table,
      names.childTable,
      names.colScript,
      names.colFk,
    ]);
    // the exported SVG carries the names escaped, so opening the file runs nothing either
    const svg = await readFile(await schema.exportEr("svg"), "utf8");
    expect(svg).toContain(xmlEscaped(names.table));
    expect(svg).toContain(xmlEscaped(names.colScript));
    for (const raw of [names.schema, names.table, names.colScript]) expect(svg).not.toContain(raw);
    expect((await readFile(await schema.exportEr("png"))).subarray(1, 4).toString()).toBe("PNG");
    await ledger.expectInert("schema ER");

    await schema.openObject("function", names.schema, names.raiseFunction, "fn");
    await ledger.expectLiteral("schema details", schema.details(), [
      names.raiseFunction,
      values.functionComment,
    ]);
    await schema.openObject("function", names.schema, names.planFunction, "srf");
    await ledger.expectLiteral("schema details", schema.details(), [names.planFunction]);
    await schema.openObject("sequence", names.schema, names.sequence, "seq");
    await ledger.expectLiteral("schema details", schema.details(), [names.sequence]);
    await schema.openObject("enum", names.schema, names.enumType, "enum");
    await ledger.expectLiteral("schema details", schema.details(), [names.enumType, names.enumLabel]);
    await schema.openObject("view", names.schema, names.view, "view");
    await ledger.expectLiteral("schema details", schema.details(), [names.view, names.colScript]);
    await schema.openTab("ddl");
    await ledger.expectLiteral("schema DDL", schema.ddl(), [values.cellJsUrl]);
    await schema.openTab("details");
    await schema.openSchema(names.schema);
    await ledger.expectLiteral("schema details", schema.details(), [names.schema, values.schemaComment]);
    await ledger.expectInert("schema details");

    const migrations = await schema.openMigrationLogs(0);
    await ledger.expectLiteral("schema migrations", migrations, [
      migration.name,
      migration.logs,
      names.table,
      names.childTable,
    ]);
    await ledger.expectInert("schema migrations");
  });

  it("Indexes: inventory and invalid indexes", async () => {
    await shell.goTo("indexes");
    const indexes = app.pages.indexes;
    await indexes.waitForLoaded();
    await ledger.expectLiteral("indexes", app.page.getByTestId("inventory"), [
      names.index,
      names.schema,
      names.table,
    ]);
    await indexes.openTab("invalid");
    const invalid = indexes.item("invalid-item", names.invalidIndex);
    await ledger.expectLiteral("indexes", invalid, [names.invalidIndex, names.childTable]);
    // the generated fix quotes the names, so running it drops exactly that index
    const drop = invalid.getByTestId("sql-actions").filter({ hasText: "DROP INDEX" });
    expect(await drop.getByTestId("generated-sql").textContent()).toBe(
      `DROP INDEX CONCURRENTLY ${ident(names.schema)}.${ident(names.invalidIndex)};`,
    );
    await indexes.runFrom(drop);
    await expect
      .poll(
        async () =>
          (await h.db.pool.query("SELECT 1 FROM pg_class WHERE relname = $1", [names.invalidIndex])).rowCount,
      )
      .toBe(0);
    await ledger.expectInert("indexes");
  });

  it("Audit: events, counts, one entity's timeline with diffs, the row as it was and its links", async () => {
    await shell.goTo("audit");
    const auditPage = app.pages.audit;
    await auditPage.waitForEvents();
    await ledger.expectLiteral("audit browse", auditPage.events(), [
      audit.actor,
      audit.entityId,
      audit.fieldName,
    ]);
    await ledger.expectLiteral("audit browse", app.page.getByTestId("audit-counts"), [audit.actor]);
    await ledger.expectInert("audit browse");

    await auditPage.filter({ entityId: audit.entityId });
    await app.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="audit-event-row"]').length === 2,
    );
    await auditPage.openFirstRow();
    await ledger.expectLiteral("audit timeline", auditPage.timeline(), [
      audit.entityId,
      audit.actor,
      audit.fieldName,
      audit.before,
      audit.after,
      audit.lineBefore,
      audit.lineAfter,
    ]);
    await ledger.expectLiteral(
      "audit timeline",
      auditPage.timelineEvents().nth(0).getByTestId(`diff-${protoKeys.proto}`),
      [protoKeys.proto, protoKeys.value],
    );
    await ledger.expectLiteral(
      "audit timeline",
      auditPage.timelineEvents().nth(0).getByTestId(`diff-${protoKeys.ctor}`),
      [protoKeys.ctor],
    );
    await auditPage.showRowState(1);
    await ledger.expectLiteral("audit timeline", auditPage.timelineEvents().nth(1), [
      audit.linkKey,
      audit.linkValue,
    ]);
    // the row as it was keeps "__proto__" as a field of its own
    await ledger.expectLiteral("audit timeline", auditPage.timelineEvents().nth(1).getByTestId("row-state"), [
      { payload: protoKeys.proto, shown: `"${protoKeys.proto}": {` },
    ]);
    await ledger.expectInert("audit timeline");
  });

  it("Backups: the job log lists the objects; a database named with markup is backed up and restored under a quoted name", async () => {
    await shell.goTo("backups");
    const backups = app.pages.backups;
    await backups.waitForLoaded();
    await backups.chooseFolder(folder);
    await backups.chooseDatabase(h.db.name);
    await backups.start();
    await backups.job("backup", "succeeded").waitFor({ timeout: 60_000 });
    const log = await backups.showLog("backup");
    await ledger.expectLiteral("backups", log, [names.schema, names.table, names.childTable]);
    await ledger.expectInert("backups");

    // the database picked by a name full of markup: the file name is made safe, the restore proposes and creates it quoted
    await backups.chooseDatabase(names.database);
    await backups.start();
    await backups.jobOf("backup", names.database, "succeeded").waitFor({ timeout: 60_000 });
    const row = backups.backupRow(names.database);
    await row.waitFor();
    expect(await row.getAttribute("data-file")).toMatch(/^[A-Za-z0-9_.-]+$/);
    await ledger.expectLiteral("backups", backups.jobOf("backup", names.database), [names.database]);
    const restored = await backups.restoreWithProposedName(names.database);
    expect(restored).toBe(`${names.database}_restored`);
    await backups.jobOf("restore", names.database, "succeeded").waitFor({ timeout: 60_000 });
    expect((await h.db.pool.query("SELECT 1 FROM pg_database WHERE datname = $1", [restored])).rowCount).toBe(
      1,
    );
    await ledger.expectInert("backups");
  });

  it("would notice: the same payloads parsed as HTML on a scratch page trip the checks", async () => {
    const scratch = await app.browser.context.newPage();
    try {
      // what a renderer that used innerHTML would do with each string
      await scratch.evaluate((payloads) => {
        for (const p of payloads) document.body.appendChild(document.createElement("div")).innerHTML = p;
      }, allPayloads());
      await scratch.waitForFunction(
        (name) => (window as unknown as Record<string, unknown>)[name] !== undefined,
        CANARY,
      );
      const found = await activeMarkup(scratch);
      for (const tag of ["<img>", "<iframe>", "<svg onload>", "<marquee>", "<details ontoggle>"])
        expect(found).toContain(tag);
    } finally {
      await scratch.close();
    }
  });

  it("counts what it tried", () => {
    const s = ledger.summary();
    console.log(s.line);
    expect(ledger.unseen()).toEqual([]);
    expect(s.screens).toBeGreaterThanOrEqual(15);
    expect(app.browser.problems).toEqual([]);
  });
});
