import type pg from "pg";
import { Parser } from "pg-protocol/dist/parser";
import type { RawRowPacker } from "./raw-row.packer";

const DATA_ROW = 68; // 'D'
/** Returned by the parser for a DataRow the packer took: nothing to emit. */
const TAKEN = Symbol("taken");

interface ParserInternals {
  parse(buffer: Buffer, callback: (msg: { name: string }) => void): void;
  handlePacket(offset: number, code: number, length: number, bytes: Buffer): unknown;
}
const BaseParser = Parser as unknown as new () => ParserInternals;

/**
 * pg-protocol's parser, except that while a packer is attached, DataRow messages go to
 * the packer as bytes instead of becoming a message with one string per field: for a
 * million-row result those strings were most of main's work.
 */
class RawRowParser extends BaseParser {
  packer: RawRowPacker | undefined;

  override handlePacket(offset: number, code: number, length: number, bytes: Buffer): unknown {
    if (code === DATA_ROW && this.packer) {
      // synchronously: the parser reuses its buffer once this returns
      try {
        this.packer.addRow(bytes, offset);
      } catch (err) {
        // thrown here it would escape the socket's data handler and end the process
        this.packer.error ??= err instanceof Error ? err : new Error(String(err));
      }
      return TAKEN;
    }
    return super.handlePacket(offset, code, length, bytes);
  }
}

export interface RawRowTap {
  attach(packer: RawRowPacker): void;
  detach(): void;
}

interface ConnectionInternals {
  stream?: NodeJS.EventEmitter;
  _emitMessage?: boolean;
  emit(event: string, msg: unknown): boolean;
}

const taps = new WeakMap<pg.Client, RawRowTap | null>();

/**
 * Swaps the session connection's protocol parser for RawRowParser, once, while the
 * connection is idle (between statements nothing arrives but rare asynchronous
 * notices). Emits every other message exactly as pg's Connection does. Returns undefined
 * (rows then come as strings, as before) when pg's internals are not as expected.
 */
export function rawRowTap(client: pg.Client): RawRowTap | undefined {
  const known = taps.get(client);
  if (known !== undefined) return known ?? undefined;
  const con = (client as unknown as { connection?: ConnectionInternals }).connection;
  const stream = con?.stream;
  // pg-protocol's own listener, `(buffer) => parser.parse(buffer, callback)`; others (a
  // liveness watch) may listen too
  const pgListeners = (stream?.listeners("data") ?? []).filter((l) => /\bparser\.parse\(/.test(String(l)));
  if (
    !con ||
    !stream ||
    pgListeners.length !== 1 ||
    typeof BaseParser.prototype.handlePacket !== "function"
  ) {
    taps.set(client, null);
    return undefined;
  }
  const parser = new RawRowParser();
  const onMessage = (msg: { name: string } | typeof TAKEN) => {
    if (msg === TAKEN) return;
    // pg's Connection.attachListeners
    const eventName = msg.name === "error" ? "errorMessage" : msg.name;
    if (con._emitMessage) con.emit("message", msg);
    con.emit(eventName, msg);
  };
  stream.removeListener("data", pgListeners[0] as (...args: unknown[]) => void);
  stream.on("data", (buffer: Buffer) => parser.parse(buffer, onMessage as (msg: { name: string }) => void));
  const tap: RawRowTap = {
    attach: (packer) => {
      parser.packer = packer;
    },
    detach: () => {
      parser.packer = undefined;
    },
  };
  taps.set(client, tap);
  return tap;
}
