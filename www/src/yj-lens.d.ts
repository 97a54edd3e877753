// TypeScript declarations for <yj-lens> (the package's public API).

// The report, its figures and the catalogue are generated from the Rust types (report.d.ts,
// made by `make types`); this file is the element's own API.
import type { Comparison, Report as CoreReport, Settings } from './report';

export type {
  Breakdown,
  Catalogue,
  CohortMethod,
  CustodyUnit,
  EthnicGroup,
  ExtractDateSource,
  Figure,
  Flag,
  Measure,
  MeasureChecks,
  PeriodType,
  PopulationInfo,
  QualityReport,
  Reason,
  RejectedLine,
  Settings,
  Stage,
  StageCell,
  Status,
  Unit,
} from './report';

/**
 * What `el.settings` takes: any of the settings (the rest stay). `extract_date` as yyyy-mm-dd
 * or dd/mm/yyyy (or null); `custody_unit` also as `per-1000` / `per-100000`.
 */
export type SettingsInput = Partial<Omit<Settings, 'custody_unit'>> & {
  custody_unit?: Settings['custody_unit'] | 'per-1000' | 'per-100000';
};

/**
 * The report of an analysis (`el.report`, and the `yj-loaded` event's): the core's report
 * (report.d.ts). Public mode adds `public`, `k`, `provenance` and `source_label`.
 */
export type Report = CoreReport & {
  public?: boolean;
  [key: string]: unknown;
};

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
  'yj-loaded': CustomEvent<{ report: Report; timing?: { read_ms: number; analyse_ms: number; bytes: number; wasm_memory_bytes: number; parse_workers: number; parse_memory_bytes: number; earlier_memory_bytes: number } }>;
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
  /**
   * Add comparator files (comparators.md): the published children table (CSV, ODS or the
   * publication's zip), a population of areas (Nomis, or with an `area` column), aggregate
   * files with `area_code, area`, headline figures. Re-analyses; a file that is not a
   * comparator file is refused in one sentence and nothing changes. Our area is the `area` /
   * `area-code` attributes (or the Settings panel).
   */
  loadComparators(files: FileBytes[] | FileBytes, names?: string[]): Promise<void>;
  /** Drop every comparator file. */
  clearComparators(): Promise<void>;
  /** Our family: its pooled figure and our rank within it. */
  family: { name: string; members: string[] } | null;
  /** Our figures beside the comparator areas', ranked (null without comparator files). */
  readonly comparison: Comparison | null;
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
  /**
   * Issue 15: how many parse workers read a file (the `workers` attribute): 1 reads every file
   * in one go; null (the default) uses one per core, at most 8, for files of 8 MB and more.
   * After a load, `data-parse-workers` says how many were started (0: read in one go).
   */
  workers: number | null;
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
