/**
 * EXPLAIN option sets run for every statement. An ANALYZE set is mirrored into
 * auto_explain's settings, so the same execution is also logged as JSON (the ground truth
 * for actual times, rows, buffers and per-worker figures, which differ from run to run).
 */
export interface OptionSet {
  name: string;
  analyze: boolean;
  /** The EXPLAIN option list without FORMAT. */
  options(major: number): string;
  /**
   * auto_explain settings that reproduce these options. auto_explain always prints costs:
   * with COSTS off the costs (and what only costs show: JIT, planned partitions) are
   * taken out of its JSON before comparing.
   */
  autoExplain(major: number): Record<string, string> | null;
  costsOff?: boolean;
  /** SUMMARY, BUFFERS and VERBOSE off: nothing printed beyond the nodes (no planning figures, no query identifier). */
  summaryOff?: boolean;
  /** Also explain in YAML and XML. */
  otherFormats?: boolean;
}

const mirror = (o: {
  buffers: boolean;
  wal?: boolean;
  timing?: boolean;
  verbose?: boolean;
  settings?: boolean;
}) => ({
  "auto_explain.log_min_duration": "0",
  "auto_explain.log_analyze": "on",
  "auto_explain.log_buffers": o.buffers ? "on" : "off",
  "auto_explain.log_wal": o.wal ? "on" : "off",
  "auto_explain.log_timing": o.timing === false ? "off" : "on",
  "auto_explain.log_verbose": o.verbose ? "on" : "off",
  "auto_explain.log_settings": o.settings ? "on" : "off",
  "auto_explain.log_triggers": "on",
  "auto_explain.log_format": "json",
  "auto_explain.log_level": "notice",
});

export const optionSets: OptionSet[] = [
  { name: "plain", analyze: false, options: () => "COSTS true", autoExplain: () => null, otherFormats: true },
  { name: "costs-off", analyze: false, options: () => "COSTS false", autoExplain: () => null },
  {
    name: "verbose-settings",
    analyze: false,
    options: (m) => `VERBOSE, SETTINGS${m >= 17 ? ", MEMORY" : ""}`,
    autoExplain: () => null,
  },
  {
    name: "analyze",
    analyze: true,
    options: () => "ANALYZE",
    // PostgreSQL 18 turns BUFFERS on with ANALYZE
    autoExplain: (m) => mirror({ buffers: m >= 18 }),
  },
  {
    name: "analyze-all",
    analyze: true,
    options: (m) => `ANALYZE, VERBOSE, BUFFERS, SETTINGS, WAL${m >= 17 ? ", SERIALIZE" : ""}`,
    autoExplain: () => mirror({ buffers: true, wal: true, verbose: true, settings: true }),
    otherFormats: true,
  },
  {
    name: "analyze-timing-off",
    analyze: true,
    options: () => "ANALYZE, TIMING false, SUMMARY false",
    autoExplain: (m) => mirror({ buffers: m >= 18, timing: false }),
  },
  {
    name: "analyze-costs-off",
    analyze: true,
    options: () => "ANALYZE, COSTS false, TIMING false, SUMMARY false, BUFFERS false",
    autoExplain: () => mirror({ buffers: false, timing: false }),
    costsOff: true,
    summaryOff: true,
  },
];
