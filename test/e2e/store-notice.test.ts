import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("a store file the app cannot read", () => {
  let dataDir: string;
  let host: RunningWebHost;
  let b: E2EBrowser;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "pgdesk-e2e-store-"));
    await writeFile(join(dataDir, "pgdesk.db"), "not a database: the user's own file\n");
    host = await startWebHostProcess({ dataDir });
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is moved aside, not replaced in silence: every screen says where it went", async () => {
    await b.page.goto(host.launchUrl);
    const notice = b.page.getByTestId("store-notice");
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toContain("could not be read");
    expect(text).toContain("moved, not deleted");
    const [aside] = await readdir(join(dataDir, "store-moved-aside"));
    expect(text).toContain(join(dataDir, "store-moved-aside", aside!));
    expect(host.output()).toContain("moved, not deleted");
    await notice.getByRole("button", { name: "Dismiss" }).click();
    await b.page.getByTestId("store-notices").waitFor({ state: "detached" });
    expect(b.problems).toEqual([]);
  });
});
