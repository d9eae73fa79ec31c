import { z } from "zod";
import { DemoSize } from "../../../shared/contract/demo";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";

/** What pgdesk remembers about its demo between runs (the password is in the profile store). */
const DemoState = z.object({
  version: z.literal(1),
  profileId: z.string(),
  cluster: z.string(),
  size: DemoSize,
  createdAt: z.string(),
});
export type DemoState = z.infer<typeof DemoState>;

/** The saved state; none when the file is missing, damaged or unreadable (then there is no usable demo). */
export async function readDemoState(path: string): Promise<DemoState | undefined> {
  const raw = await readJsonFile<unknown>(path, undefined).catch(() => undefined);
  const parsed = DemoState.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function writeDemoState(path: string, state: DemoState): Promise<void> {
  return writeJsonFileAtomic(path, state);
}
