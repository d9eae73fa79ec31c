import type { ChannelName, EventName, OutputOf, ParsedInputOf, PayloadOf } from "../../shared/contract";
import type { AppContext } from "../app-context";

/** Per-call context: the app's services plus who is calling. */
export interface CallContext extends AppContext {
  /** Aborted when the caller goes away (window closed, socket dropped). */
  signal: AbortSignal;
}

export type Handler<C extends ChannelName> = (
  input: ParsedInputOf<C>,
  ctx: CallContext,
) => Promise<OutputOf<C>> | OutputOf<C>;

/** A handler map for some channels; `satisfies Handlers<"a:b" | "a:c">` checks each one. */
export type Handlers<K extends ChannelName> = { [C in K]: Handler<C> };

/** The complete map: a missing or mistyped handler is a compile error. */
export type HandlerMap = Handlers<ChannelName>;

export type Emit = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;
