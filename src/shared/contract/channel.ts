import { z } from "zod";

/**
 * One request/response channel: a zod schema for what the renderer sends and
 * one for what main answers. Main validates the input before any handler runs.
 */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: "channel";
  readonly input: I;
  readonly output: O;
}

/** A stream main pushes to the renderer (`area:didThing`). */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly kind: "event";
  readonly payload: P;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: {
  input: I;
  output: O;
}): ChannelDef<I, O> {
  return { kind: "channel", ...def };
}

export function event<P extends z.ZodType>(def: { payload: P }): EventDef<P> {
  return { kind: "event", ...def };
}

/** No input: channels that take nothing still validate that nothing was sent. */
export const NoInput = z.object({}).strict();
