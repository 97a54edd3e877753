// The words and orders of the page: labels of breakdowns, stages, tiers and period types, and the
// display order of each breakdown's groups. (Issue 11 moves these into the Rust catalogue.)
export const ETHNIC = ['White', 'Black', 'Asian', 'Mixed', 'Other'];
export const ORDERS = {
  ethnicity: [...ETHNIC, 'Unknown'],
  sex: ['Male', 'Female', 'Unknown'],
  age_band: ['10-14', '15-17', 'Unknown'],
  age: ['under 10', '10', '11', '12', '13', '14', '15', '16', '17', '18+', 'Unknown'],
  outcome_tier: ['diversion', 'pre_court', 'first_tier', 'community', 'custody'],
  gravity_band: ['1-3', '4', '5-8', 'Not recorded'],
  looked_after: ['Yes', 'No', 'Unknown'],
  previous_occasions: ['0', '1-2', '3-6', '7-10', '11+'],
  reoffences_band: ['1', '2', '3', '4', '5-9', '10+'],
  month: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
  sentence_type: ['Detention and Training Order', 'Section 250', 'Other long-term detention'],
};
export const TIERS = { diversion: 'Diversion', pre_court: 'Pre-court', first_tier: 'First tier', community: 'Community', custody: 'Custody' };
export const DIVERSION_TYPES = new Set(['Community Resolution', 'Triage', 'Outcome 22']);
export const BREAKDOWNS = {
  ethnicity: 'Ethnicity',
  ethnicity_detail: 'Ethnicity (detailed)',
  sex: 'Sex',
  age_band: 'Age band',
  age: 'Age',
  outcome_tier: 'Outcome tier',
  outcome_type: 'Outcome type',
  offence_category: 'Offence category',
  looked_after: 'Looked-after status',
  previous_occasions: 'Previous substantive occasions',
  sentence_type: 'Sentence type',
  service: 'Service',
};
export const STAGES = {
  throughput: 'Throughput (any occasion)',
  substantive: 'Substantive outcomes',
  diversion: 'Diversion',
  out_of_court: 'Out of court (cautions)',
  first_time_entrants: 'First-time entrants',
  court: 'Court',
  custody: 'Custody',
  remand: 'Remand (youth detention)',
  reoffending_cohort: 'Reoffending cohort',
  reoffending: 'Reoffenders',
};
export const PERIOD_NAMES = { quarter: 'quarter', financial_year: 'financial year', rolling_12m: 'rolling 12 months' };

export const groupLabel = (b, g) => (b === 'outcome_tier' ? TIERS[g] ?? g : g);

export function sortGroups(breakdown, groups) {
  const order = ORDERS[breakdown];
  if (!order) return [...groups].sort((a, b) => a.localeCompare(b));
  const rank = (g) => (order.includes(g) ? order.indexOf(g) : order.length);
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export const FIELD_NAMES = {
  child_id: 'child identifier', offence_date: 'offence date', outcome_date: 'outcome date', outcome: 'outcome',
  date_of_birth: 'date of birth', birth_month: 'birth month', age: 'age', sex: 'sex', ethnicity: 'ethnicity',
  offence_category: 'offence category', gravity: 'gravity', release_date: 'release date', end_date: 'end date',
  looked_after: 'looked-after status', service: 'service',
};

/** A field id in words ("offence_date" → "offence date"); other text as is. */
export function fieldWords(field) {
  return FIELD_NAMES[field] ?? String(field ?? '').replaceAll('_', ' ');
}
