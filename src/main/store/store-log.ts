// Its own module (not store-prepare.ts) so that the modules store-prepare runs can name it
// without importing store-prepare back (an import cycle).
/** What the store logs through; main's Logger fits (the store does not import it). */
export interface StoreLog {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}
