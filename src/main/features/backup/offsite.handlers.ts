import { AppError } from "../../../shared/contract";
import type { AppContext, Handlers } from "../handler-types";
import { copyToBucket, offsiteSource, verifyInBucket } from "./offsite.service";
import { OffsiteStore } from "./offsite.store";
import { checkReadableFolder } from "./folder.check";

function store(ctx: AppContext): OffsiteStore {
  return ctx.singleton("backup.offsite", () => new OffsiteStore(ctx.dataDir, ctx.secrets));
}

export const offsiteHandlers = {
  "offsite:targets": (_input, ctx) => store(ctx).targets(),
  "offsite:saveTarget": (draft, ctx) => store(ctx).saveTarget(draft),
  "offsite:deleteTarget": async ({ id }, ctx) => {
    await store(ctx).deleteTarget(id);
    return {};
  },
  "offsite:copy": async ({ folder, file, targetId }, ctx) => {
    const src = await offsiteSource(folder, file);
    const { target, endpoint } = await store(ctx).endpoint(targetId);
    const { copy, problems } = await copyToBucket(src, target, endpoint, ctx.signal);
    await store(ctx).recordCopy(src.dir, file, copy);
    if (problems.length)
      throw new AppError(
        "CONFLICT",
        `The copy in s3://${target.bucket}/${copy.key} is NOT verified: ${problems.join("; ")}`,
      );
    return copy;
  },
  "offsite:verify": async ({ folder, file, targetId }, ctx) => {
    const src = await offsiteSource(folder, file);
    const { target, endpoint } = await store(ctx).endpoint(targetId);
    const { problems, sha256 } = await verifyInBucket(src, target, endpoint, ctx.signal);
    return { ok: problems.length === 0, problems, sha256 };
  },
  "offsite:copies": async ({ folder }, ctx) => store(ctx).copies(await checkReadableFolder(folder)),
} satisfies Handlers<
  | "offsite:targets"
  | "offsite:saveTarget"
  | "offsite:deleteTarget"
  | "offsite:copy"
  | "offsite:verify"
  | "offsite:copies"
>;
