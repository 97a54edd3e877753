// TypeScript declarations for <yj-lens> (the package's public API).

export type PeriodType = 'quarter' | 'financial_year' | 'rolling_12m';
export type Status = 'final' | 'provisional' | 'partial';

/** One figure: a row of the aggregate file (input-formats.md §4) without provenance. */
export interface Figure {
  measure: string;
  stage: string;
  period_type: PeriodType;
  period_start: string;
  period_end: string;
  period_label: string;
  breakdown: string;
  group: string;
  breakdown2: string;
  group2: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  unit: string;
  ci_low: number | null;
  ci_high: number | null;
  flag: string;
  status: Status;
  suppressed: boolean;
  definition: string;
}

/** Why rows were rejected (or warned about): one reason, its rows (line numbers) and count. */
export interface Reason {
  reason: string;
  /** The field the reason is about (a column's canonical name), or '' when it is the row. */
  field: string;
  count: number;
  /** Line numbers in the file (the first few). */
  examples: number[];
  /** The value of `field` on the first example row ('' when there is none to show). */
  example_value: string;
}

/** One rejected line of the file: its line number, why, and the field at fault ('' if none). */
export interface RejectedLine {
  line: number;
  reason: string;
  field: string;
}

export interface QualityReport {
  rows_read: number;
  rows_used: number;
  rows_rejected: number;
  duplicates: number;
  rejected: Reason[];
  warnings: Reason[];
  unknown_codes: { field: string; value: string; rows: number }[];
  dropped_columns: string[];
  /** How many non-blank lines above the header were skipped (their text is never kept). */
  title_lines: number;
  /** A date read from a title line ("as at 30 September 2025"), ISO, or null. */
  title_date: string | null;
  /** Every rejected line, in file order, up to a limit (`rejected_lines_truncated` says when there were more). */
  rejected_lines: RejectedLine[];
  rejected_lines_truncated: boolean;
  [key: string]: unknown;
}

/** The analysis settings (`el.settings`, and `report.settings` as analysed). */
export interface Settings {
  /** The date the figures are as at (ISO yyyy-mm-dd), or null for the date the file gives. */
  extract_date: string | null;
  /** Count breach offences as reoffences when false (the local default is true: excluded). */
  exclude_breaches: boolean;
  /** Reference group of the relative rate index. */
  reference_group: 'White' | 'Black' | 'Asian' | 'Mixed' | 'Other';
  /** 12-month reoffending cohorts: 4 quarterly cohorts pooled, or each child once in 12 months. */
  cohort_method: 'pooled' | 'legacy';
  /** The custody rate's unit. */
  custody_unit: 'per1000' | 'per100000';
}

/**
 * What `el.settings` takes: any of the settings (the rest stay). `extract_date` as yyyy-mm-dd
 * or dd/mm/yyyy (or null); `custody_unit` also as `per-1000` / `per-100000`.
 */
export type SettingsInput = Partial<Omit<Settings, 'custody_unit'>> & {
  custody_unit?: Settings['custody_unit'] | 'per-1000' | 'per-100000';
};

export interface Report {
  tool_version: string;
  settings: Settings;
  /** The date the figures are as at (ISO). */
  extract_date: string;
  /** Where `extract_date` came from: set by the user/host, the file's title line, or its latest outcome. */
  extract_date_source: 'user' | 'title' | 'latest_outcome';
  quality: QualityReport;
  figures: Figure[];
  /**
   * Like-for-like counterparts for changes: the partial and provisional figures computed as at
   * `year_earlier_as_at` (breakdowns all, service and ethnicity). Not in the aggregate file.
   */
  year_earlier: Figure[];
  /** The date `year_earlier` is as at (extract date − 12 months, ISO); null when the data start after it. */
  year_earlier_as_at: string | null;
  /**
   * The population the rates use: its source (a file name, 'typed totals', …) and the years
   * used (empty when it has no year); null without one.
   */
  population: { source: string; years: number[] } | null;
  notes: string[];
  [key: string]: unknown;
}

/**
 * A file's bytes: a File or Blob, an ArrayBuffer, or any view of one (Uint8Array, Uint16Array,
 * DataView…), read by exactly its bytes (its byteOffset and byteLength). The widget copies
 * them: changing the buffer afterwards changes nothing.
 */
export type FileBytes = File | Blob | ArrayBuffer | ArrayBufferView;

/** Options of `loadExtract`. */
export interface LoadExtractOptions {
  /** The name the widget shows for the file (default: the File's name). */
  label?: string;
  /**
   * Denominators that belong to this extract (e.g. a demo's made-up sample): they go when
   * another extract is loaded. A population the host or user set stays instead.
   */
  population?: FileBytes;
  /** The name shown for `population`. */
  populationLabel?: string;
}

export interface YjError {
  /**
   * e.g. 'bad_input', 'crash', 'fetch', 'closed' (the element was taken off the page first),
   * 'cancelled' (a promise only, never a yj-error: the file was no longer wanted — the element
   * switched to public mode, or another file was chosen — before it was shown).
   */
  kind: string;
  message: string;
  detail?: unknown;
}

export interface YjLensEventMap extends HTMLElementEventMap {
  'yj-progress': CustomEvent<{ loaded: number; total: number }>;
  'yj-loaded': CustomEvent<{ report: Report; timing?: { read_ms: number; analyse_ms: number; bytes: number } }>;
  'yj-error': CustomEvent<YjError>;
  'yj-drawn': CustomEvent<{ view: string; charts: number; render_ms: number; since_load_ms: number | null }>;
}

/** The mapping profile (saved and loaded as JSON; no personal data). */
export interface MappingProfile {
  columns: Record<string, string>;
  outcomes: Record<string, string>;
  ethnicities: Record<string, string>;
  sexes: Record<string, 'Male' | 'Female' | 'Unknown'>;
  month_first: string[];
}

export interface AggregateOptions {
  suppress?: boolean;
  k?: number;
  round_to_5?: boolean;
  include_quarters?: boolean;
}

export declare class YjLens extends HTMLElement {
  /** The report of the last analysis, or null. */
  readonly report: Report | null;
  /**
   * The analysis settings in use (reading gives a copy). Assigning a partial object merges it
   * and re-analyses the loaded extract once; an object with any invalid value is refused whole
   * (a yj-error says why) and nothing changes. Same as the attributes `extract-date`,
   * `reference-group`, `unit-custody`, `cohort-method`, `exclude-breaches`.
   */
  get settings(): Settings;
  set settings(value: SettingsInput);
  /**
   * Analyse a case-level extract in the widget's worker. The last file chosen wins: a file still
   * being read when another is chosen (or the element switches to public mode) is dropped and
   * its promise rejects with kind 'cancelled'. If the worker crashes, the figures on screen are
   * given back to a new worker with their population, settings and extract date, or cleared
   * with a sentence if that fails.
   */
  loadExtract(source: FileBytes, options?: LoadExtractOptions): Promise<Report>;
  /** Add population denominators (re-analyses the loaded extract). */
  loadPopulation(source: FileBytes, options?: { label?: string }): Promise<void>;
  /** The aggregate CSV of the current report; disclosure control unless `suppress: false`. */
  exportAggregate(options?: AggregateOptions): Promise<Blob>;
  /** The column and code mappings in use. */
  readonly profile: MappingProfile;
  /**
   * `analyst` or `public` (the `mode` attribute). Switched to public, the analysis on screen,
   * the extract and a load under way are dropped and only the published file (`src`) is shown;
   * switched back to analyst, the published figures go and a file can be chosen again.
   * `src` and `population-src` must name files on the page's own site; a redirect is refused
   * (with a yj-error sentence), never followed.
   */
  readonly mode: 'analyst' | 'public';
  addEventListener<K extends keyof YjLensEventMap>(
    type: K,
    listener: (this: YjLens, ev: YjLensEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'yj-lens': YjLens;
  }
}
