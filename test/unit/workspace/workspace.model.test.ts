import { describe, expect, it } from "vitest";
import {
  filterCommands,
  restoredWorkspace,
} from "../../../src/renderer/src/features/workspace/workspace.model";

const state = (lastProfileId: string, lastPage: string) => ({
  lastProfileId,
  lastPage,
  activeTabId: null,
  activeTabByProfile: null,
  databaseByProfile: null,
  theme: null,
});

const areas = [
  { id: "connections" as const, needsProfile: false },
  { id: "query" as const, needsProfile: true },
];

describe("restoredWorkspace", () => {
  it("reopens the last profile and page", () => {
    expect(restoredWorkspace(state("p1", "query"), areas, ["p1"])).toEqual({
      profileId: "p1",
      area: "query",
    });
  });

  it("drops a profile that no longer exists, and with it a page that needs one", () => {
    expect(restoredWorkspace(state("gone", "query"), areas, ["p1"])).toEqual({
      profileId: undefined,
      area: undefined,
    });
  });

  it("ignores a page the app no longer has", () => {
    expect(restoredWorkspace(state("p1", "removed"), areas, ["p1"]).area).toBeUndefined();
  });
});

describe("filterCommands", () => {
  const commands = [
    { title: "Go to Query", group: "Go to" },
    { title: "Run all statements", group: "Query" },
    { title: "Show query history", group: "Query" },
    { title: "Switch to Prod (production)", group: "Profile" },
  ];

  it("keeps every command for an empty query", () => {
    expect(filterCommands(commands, "  ")).toEqual(commands);
  });

  it("needs every word, in title or group, and ranks title starts before word starts before the rest", () => {
    expect(filterCommands(commands, "query").map((c) => c.title)).toEqual([
      "Go to Query",
      "Show query history",
      "Run all statements",
    ]);
    expect(filterCommands(commands, "run query").map((c) => c.title)).toEqual(["Run all statements"]);
    expect(filterCommands(commands, "prod (").map((c) => c.title)).toEqual(["Switch to Prod (production)"]);
  });
});
