import { ipcMain, type WebContents } from "electron";
import type { CallResult } from "../../shared/contract";
import type { AppContext } from "../features/handler-types";
import { dispatch } from "./dispatch";
import type { HandlerMap } from "../features/handler-types";

export const INVOKE_CHANNEL = "pgdesk:invoke";
export const EVENT_CHANNEL = "pgdesk:event";

/**
 * Registers the one IPC entry point. Every call is checked to come from our own
 * page's main frame, then goes through the same dispatch as the web host.
 */
export function registerElectronIpc(
  registry: HandlerMap,
  ctx: AppContext,
  isOwnPage: (url: string) => boolean,
  validateOutput: boolean,
): void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, channelName: unknown, input: unknown): Promise<CallResult<unknown>> => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isOwnPage(frame.url)) {
        ctx.log.warn(`refused IPC call from ${frame?.url ?? "a destroyed frame"}`);
        return {
          ok: false,
          error: { code: "UNAUTHORIZED", message: "Calls are accepted from pgdesk's own window only" },
        };
      }
      const controller = new AbortController();
      event.sender.once("destroyed", () => controller.abort());
      return dispatch(registry, { ...ctx, signal: controller.signal }, channelName, input, {
        validateOutput,
      });
    },
  );
}

/** Sends an event to a window's renderer, if it is still there. */
export function sendEvent(target: WebContents | undefined, event: string, payload: unknown): void {
  if (target && !target.isDestroyed()) target.send(EVENT_CHANNEL, event, payload);
}
