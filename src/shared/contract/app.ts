import { z } from "zod";
import { channel, NoInput } from "./channel";

export const appChannels = {
  /** Which host serves the renderer, and the app version. */
  "app:info": channel({
    input: NoInput,
    output: z.object({ host: z.enum(["electron", "web"]), version: z.string(), platform: z.string() }),
  }),
} as const;
