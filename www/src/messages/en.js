// The page's own words in English, keyed by id: what the widget says around the figures (view
// names, control labels, the settings panel, the small-number caution). The words of the
// figures themselves — measures, stages, breakdowns, units, flags, statuses, definitions — are
// the catalogue's (the Rust message table, catalogue.js). A second language is one more file
// beside this one, with the same ids (messages/index.js picks the table by language).
export default {
  'view.overview': 'Overview',
  'view.reoffending': 'Reoffending',
  'view.custody': 'Custody & remand',
  'view.ethnicity': 'Ethnicity',
  'view.throughput': 'Throughput',
  'view.quality': 'Data quality',

  'figure.add_population': 'add population to see rates',
  'figure.caution': 'fewer than {n}: treat with caution',

  'settings.title': 'Analysis settings',
  'settings.reference_group': 'Reference group for RRI',
  'settings.custody_unit': 'Custody rate unit',
  'settings.cohort_method': '12-month reoffending cohorts',
  'settings.extract_date': 'Extract date (figures as at)',
  'settings.extract_date.placeholder': 'dd/mm/yyyy',
  'settings.extract_date.hint': 'Day/month/year. Clear it to use the date the file gives.',
  'settings.extract_date.invalid': '“{text}” is not a date: type the extract date as day/month/year, e.g. 30/09/2025.',
  'settings.breaches': 'Count breach offences as reoffences (local choice: off)',
};
