// The blocking notice before any figure when a file lost many rows: more than 10% of the rows
// read were rejected, or a whole date column failed. It names the column and the most common
// reason, so nobody quotes a headline computed from a fraction of the file.
import { fieldWords } from './labels.js';
import { count } from './format.js';
import { hasMessage, t } from './messages/index.js';

/** Share of rows rejected above which the figures wait for the analyst's say-so. */
const ALARM_SHARE = 0.1;

/**
 * The notice for a quality report, or null when the file is fine: `{ sentence }`.
 * Reasons carry `field` (the column) when the reader knows it.
 */
export function rowLossAlarm(q) {
  if (!q || !q.rows_read) return null;
  const rejected = q.rows_rejected ?? 0;
  const reasons = [...(q.rejected ?? [])].sort((a, b) => b.count - a.count);
  const top = reasons[0];
  // A whole date column failing: every row read has that column's date invalid or missing
  // (rejected, or blanked with a warning when the column is optional).
  const dateFail = [...(q.rejected ?? []), ...(q.warnings ?? [])].find(
    (r) => r.field && /date/.test(r.field) && /date/.test(r.reason) && r.count >= q.rows_read - (q.duplicates ?? 0),
  );
  if (!dateFail && rejected <= q.rows_read * ALARM_SHARE) return null;
  const pct = Math.round((rejected / q.rows_read) * 1000) / 10;
  const reason = (r) => (hasMessage(`reason.${r.reason}`) ? t(`reason.${r.reason}`) : r.reason);
  const why = (r) => `${reason(r)}${r.field ? t('reason.in', { field: fieldWords(r.field) }) : ''}${r.example_value ? t('fix.example', { example: `“${r.example_value}”` }) : ''}`;
  const sentence = dateFail
    ? t('alarm.date', { field: fieldWords(dateFail.field), why: why(dateFail) })
    : t('alarm.rows', { used: count(q.rows_used), read: count(q.rows_read), rejected: count(rejected), pct, why: top ? why(top) : t('alarm.unknown_reason'), top: count(top ? top.count : 0) });
  return { sentence };
}
