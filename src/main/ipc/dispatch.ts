import { z } from "zod";
import {
  channels,
  isChannelName,
  MAX_PAYLOAD_BYTES,
  type ApiErrorData,
  type CallResult,
} from "../../shared/contract";
import type { CallContext, HandlerMap } from "../features/handler-types";
import { toApiError } from "../db/to-api-error";

export interface DispatchOptions {
  /** Validate handler output against the contract (development and tests). */
  validateOutput: boolean;
  /** Size of the raw payload when the host knows it (bytes), else it is measured. */
  payloadBytes?: number;
}

/**
 * The one door into main: known channel, bounded size, valid input, then the handler.
 * Anything that fails before the handler never reaches it.
 */
export async function dispatch(
  registry: HandlerMap,
  ctx: CallContext,
  channelName: unknown,
  rawInput: unknown,
  options: DispatchOptions,
): Promise<CallResult<unknown>> {
  if (!isChannelName(channelName)) {
    return fail({
      code: "UNKNOWN_CHANNEL",
      message: `Unknown channel: ${String(channelName).slice(0, 100)}`,
    });
  }
  const size = options.payloadBytes ?? measureBytes(rawInput);
  if (size > MAX_PAYLOAD_BYTES) {
    return fail({
      code: "PAYLOAD_TOO_LARGE",
      message: `Payload of ${size} bytes exceeds the ${MAX_PAYLOAD_BYTES}-byte limit`,
    });
  }
  const def = channels[channelName];
  const parsed = def.input.safeParse(rawInput);
  if (!parsed.success) return fail(validationError(parsed.error));

  try {
    const handler = registry[channelName] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    if (options.validateOutput) {
      const out = def.output.safeParse(value);
      if (!out.success) {
        ctx.log.error(`output of ${channelName} does not match the contract`, z.prettifyError(out.error));
        return fail({ code: "INTERNAL", message: `Output of ${channelName} does not match the contract` });
      }
      return { ok: true, value: out.data };
    }
    return { ok: true, value };
  } catch (err) {
    const error = toApiError(err);
    if (error.code === "INTERNAL") ctx.log.error(`handler ${channelName} failed`, err);
    return fail(error);
  }
}

function fail(error: ApiErrorData): CallResult<never> {
  return { ok: false, error };
}

export function validationError(error: z.ZodError): ApiErrorData {
  const first = error.issues[0];
  const field = first?.path.map(String).join(".") || undefined;
  return {
    code: "VALIDATION",
    message: field ? `${field}: ${first?.message}` : (first?.message ?? "Invalid input"),
    ...(field ? { field } : {}),
    detail: z.prettifyError(error).slice(0, 2000),
  };
}

/** Upper bound of the JSON size without building a 10 MB string for huge inputs. */
function measureBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? "");
  } catch {
    // cyclic or BigInt: it cannot be valid input for any schema either
    return MAX_PAYLOAD_BYTES + 1;
  }
}
