// TypeScript declarations for <yj-lens> (the package's public API).

// The report, its figures and the catalogue are generated from the Rust types (report.d.ts,
// made by `make types`); this file is the element's own API.
import type { Report as CoreReport, Settings } from './report';

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

/** Options of `loadExtract`. */
export interface LoadExtractOptions {
  /** The name the widget shows for the file (default: the File's name). */
  label?: string;
  /**
   * Denominators that belong to this extract (e.g. a demo's made-up sample): they go when
   * another extract is loaded. A population the host or user set stays instead.
   */
  population?: File | Blob | ArrayBuffer;
  /** The name shown for `population`. */
  populationLabel?: string;
}

export interface YjError {
  /** e.g. 'bad_input', 'crash', 'fetch', 'closed' (the element was taken off the page first). */
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
  /** Analyse a case-level extract in the widget's worker. */
  loadExtract(source: File | Blob | ArrayBuffer, options?: LoadExtractOptions): Promise<Report>;
  /** Add population denominators (re-analyses the loaded extract). */
  loadPopulation(source: File | Blob | ArrayBuffer, options?: { label?: string }): Promise<void>;
  /** The aggregate CSV of the current report; disclosure control unless `suppress: false`. */
  exportAggregate(options?: AggregateOptions): Promise<Blob>;
  /** The column and code mappings in use. */
  readonly profile: MappingProfile;
  /** `analyst` or `public`. */
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
