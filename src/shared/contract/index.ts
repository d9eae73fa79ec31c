import type { z } from "zod";
import type { ChannelDef, EventDef } from "./channel";
import { activityChannels, activityEvents } from "./activity";
import { appChannels } from "./app";
import { auditChannels, auditEvents } from "./audit";
import { backupChannels, backupEvents } from "./backup";
import { demoChannels, demoEvents } from "./demo";
import { explainChannels, explainEvents } from "./explain";
import { healthChannels, healthEvents } from "./health";
import { indexesChannels, indexesEvents } from "./indexes";
import { migrationsChannels, migrationsEvents } from "./migrations";
import { offsiteChannels } from "./offsite";
import { pitrChannels, pitrEvents } from "./pitr";
import { profilesChannels, profilesEvents } from "./profiles";
import { queryChannels, queryEvents } from "./query";
import { safeguardsChannels } from "./safeguards";
import { schemaChannels, schemaEvents } from "./schema";
import { serverChannels } from "./server";
import { storeChannels } from "./store";
import { tabsChannels } from "./tabs";
import { uiChannels } from "./ui";
import { inventoryChannels } from "./inventory";
import { fleetChannels, fleetEvents } from "./fleet";
import { clusterChannels } from "./cluster";
import { poolerChannels } from "./pooler";

/** Every request/response channel, by name. Adding an area = one spread here. */
export const channels = {
  ...appChannels,
  ...profilesChannels,
  ...serverChannels,
  ...healthChannels,
  ...activityChannels,
  ...indexesChannels,
  ...queryChannels,
  ...explainChannels,
  ...schemaChannels,
  ...backupChannels,
  ...auditChannels,
  ...migrationsChannels,
  ...demoChannels,
  ...storeChannels,
  ...tabsChannels,
  ...uiChannels,
  ...pitrChannels,
  ...offsiteChannels,
  ...inventoryChannels,
  ...fleetChannels,
  ...clusterChannels,
  ...poolerChannels,
  ...safeguardsChannels,
} as const satisfies Record<string, ChannelDef>;

/** Every event main may push to the renderer, by name. */
export const events = {
  ...profilesEvents,
  ...healthEvents,
  ...activityEvents,
  ...indexesEvents,
  ...queryEvents,
  ...explainEvents,
  ...schemaEvents,
  ...backupEvents,
  ...auditEvents,
  ...migrationsEvents,
  ...demoEvents,
  ...pitrEvents,
  ...fleetEvents,
} as const satisfies Record<string, EventDef>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type Events = typeof events;
export type EventName = keyof Events;

/** What the renderer passes (before defaults and transforms). */
export type InputOf<C extends ChannelName> = z.input<Channels[C]["input"]>;
/** What a handler receives (after validation). */
export type ParsedInputOf<C extends ChannelName> = z.output<Channels[C]["input"]>;
/** What a handler returns and the renderer receives. */
export type OutputOf<C extends ChannelName> = z.output<Channels[C]["output"]>;
export type PayloadOf<E extends EventName> = z.output<Events[E]["payload"]>;

/** The allow-lists the preload checks before forwarding anything. */
export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(events, name);
}

export * from "./errors";
export * from "./channel";
export * from "./common";
export { Profile, ProfileDraft, ConnectionTest } from "./profiles";
export { ServerOverview, DatabaseSummary } from "./server";
