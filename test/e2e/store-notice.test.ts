import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useE2eApp } from "./support/e2e-app";

describe("a store file the app cannot read", () => {
  const app = useE2eApp({
    prepare: (dataDir) => writeFile(join(dataDir, "pgdesk.db"), "not a database: the user's own file\n"),
  });

  it("is moved aside, not replaced in silence: every screen says where it went", async () => {
    const notice = app.page.getByTestId("store-notice");
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toContain("could not be read");
    expect(text).toContain("moved, not deleted");
    const [aside] = await readdir(join(app.dataDir, "store-moved-aside"));
    expect(text).toContain(join(app.dataDir, "store-moved-aside", aside!));
    expect(app.host.output()).toContain("moved, not deleted");
    await notice.getByRole("button", { name: "Dismiss" }).click();
    await app.page.getByTestId("store-notices").waitFor({ state: "detached" });
    expect(app.browser.problems).toEqual([]);
  });
});
