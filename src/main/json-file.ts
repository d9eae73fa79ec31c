import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ZodType } from "zod";
import { AppError } from "../shared/contract";

/** Reads a JSON file, or returns `fallback` when it does not exist yet. */
export async function readJsonFile<T>(path: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw err;
  }
}

/** Writes through a temp file and a rename, so a crash never leaves half a file. */
export async function writeJsonFileAtomic(path: string, value: unknown, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2) + "\n", { mode });
  await rename(tmp, path);
}

/**
 * One JSON file read whole and checked by its schema, whose changes run one at a time: a
 * read-modify-write never interleaves with another, and a failed change leaves the file as it was.
 */
export class JsonFile<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly schema: ZodType<T>,
    private readonly fallback: unknown,
  ) {}

  async read(): Promise<T> {
    const parsed = this.schema.safeParse(await readJsonFile<unknown>(this.path, this.fallback));
    if (!parsed.success) throw new AppError("INTERNAL", `${this.path} is damaged; it was left as it is.`);
    return parsed.data;
  }

  change<R>(edit: (file: T) => Promise<R>): Promise<R> {
    const run = this.queue.then(async () => {
      const file = await this.read();
      const result = await edit(file);
      await writeJsonFileAtomic(this.path, file);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
