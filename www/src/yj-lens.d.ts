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

export interface QualityReport {
  rows_read: number;
  rows_used: number;
  rows_rejected: number;
  duplicates: number;
  rejected: { reason: string; count: number; examples: number[] }[];
  warnings: { reason: string; count: number; examples: number[] }[];
  unknown_codes: { field: string; value: string; rows: number }[];
  dropped_columns: string[];
  [key: string]: unknown;
}

export interface Report {
  tool_version: string;
  settings: Record<string, unknown>;
  extract_date: string;
  quality: QualityReport;
  figures: Figure[];
  notes: string[];
  [key: string]: unknown;
}

export interface YjError {
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
  /** Analyse a case-level extract in the widget's worker. */
  loadExtract(source: File | Blob | ArrayBuffer, options?: { label?: string }): Promise<Report>;
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
