-- yjlens headline figures in DuckDB SQL (bench/README.md; measures.md is the definition).
-- Input: table raw(rn, child_id, offence_date, outcome_date, outcome, date_of_birth, sex,
-- ethnicity, offence_category, gravity, release_date, end_date, looked_after, service), every
-- column VARCHAR as read from the CSV, rn = 1-based data row in file order.
-- Statements are separated by lines holding only ';;' (the page runs them one by one).
-- Output: table headline(measure, period_type, period_start, breakdown, grp, stage, value).

-- Outcome codes (input-formats.md §2): normalised label (lower case, letters and digits only)
-- → canonical outcome, tier, severity rank (= declaration order of the Rust enum: larger is
-- more severe; tiers are ordered diversion < pre_court < first_tier < community < custody).
CREATE OR REPLACE TABLE outcome_map AS SELECT * FROM (VALUES
  ('triage','triage','diversion',0),
  ('communityresolution','cr','diversion',1), ('cr','cr','diversion',1),
  ('outcome22','o22','diversion',2), ('o22','o22','diversion',2), ('oc22','o22','diversion',2),
  ('deferredprosecution','o22','diversion',2),
  ('youthcaution','yc','pre_court',3), ('yc','yc','pre_court',3),
  ('youthconditionalcaution','ycc','pre_court',4), ('ycc','ycc','pre_court',4),
  ('otherfirsttier','oft','first_tier',5),
  ('absolutedischarge','ad','first_tier',6), ('ad','ad','first_tier',6),
  ('bindover','bo','first_tier',7),
  ('conditionaldischarge','cd','first_tier',8), ('cd','cd','first_tier',8),
  ('compensationorder','comp','first_tier',9),
  ('fine','fine','first_tier',10),
  ('reparationorder','rep','first_tier',11),
  ('referralorder','ro','first_tier',12), ('ro','ro','first_tier',12),
  ('youthrehabilitationorder','yro','community',13), ('yro','yro','community',13),
  ('yrowithintensivefostering','yroif','community',14), ('yrointensivefostering','yroif','community',14),
  ('yrowithiss','yroiss','community',15), ('yroiss','yroiss','community',15),
  ('iss','yroiss','community',15), ('issp','yroiss','community',15),
  ('detentionandtrainingorder','dto','custody',16), ('dto','dto','custody',16),
  ('section250','s250','custody',17), ('section250detention','s250','custody',17),
  ('s250','s250','custody',17), ('s91','s250','custody',17), ('section91','s250','custody',17),
  ('otherlongtermdetention','ltd','custody',18), ('s254','ltd','custody',18),
  ('s258','ltd','custody',18), ('s259','ltd','custody',18), ('s226','ltd','custody',18),
  ('s226b','ltd','custody',18), ('s90','ltd','custody',18), ('section9092','ltd','custody',18),
  ('extendedsentence','ltd','custody',18), ('detentionforlife','ltd','custody',18),
  ('remandtoyouthdetentionaccommodation','ryda','remand',19), ('ryda','ryda','remand',19),
  ('remandincustody','ryda','remand',19),
  ('remandtolocalauthorityaccommodation','rlaa','remand',20), ('rlaa','rlaa','remand',20),
  ('nofurtheraction','nfa','not_an_outcome',21), ('nfa','nfa','not_an_outcome',21),
  ('turnaround','turnaround','not_an_outcome',22),
  ('parentingorder','po','not_an_outcome',23)
) t(norm, code, tier, sev)
;;
-- Ethnicity (input-formats.md §2): the group part of "Group: detail" / "Group - detail"
-- labels, group names, DfE codes, ONS 2001 letters, detailed names and the Unknown words,
-- normalised → group. Anything else (e.g. "BAME") is unmappable: Unknown.
CREATE OR REPLACE TABLE ethnicity_map AS SELECT * FROM (VALUES
  ('white','White'), ('whitebritish','White'), ('whiteirish','White'),
  ('whiteenglishwelshscottishnorthernirishorbritish','White'),
  ('gypsyoririshtraveller','White'), ('roma','White'), ('anyotherwhitebackground','White'),
  ('wbri','White'), ('wiri','White'), ('wirt','White'), ('wrom','White'), ('woth','White'),
  ('a','White'), ('b','White'), ('c','White'),
  ('black','Black'), ('blackorblackbritish','Black'), ('blackblackbritishcaribbeanorafrican','Black'),
  ('blackbritish','Black'), ('caribbean','Black'), ('african','Black'),
  ('bcrb','Black'), ('bafr','Black'), ('both','Black'), ('m','Black'), ('n','Black'), ('p','Black'),
  ('asian','Asian'), ('asianorasianbritish','Asian'), ('asianbritish','Asian'), ('indian','Asian'),
  ('pakistani','Asian'), ('bangladeshi','Asian'), ('chinese','Asian'),
  ('aind','Asian'), ('apkn','Asian'), ('aban','Asian'), ('chne','Asian'), ('aoth','Asian'),
  ('h','Asian'), ('j','Asian'), ('k','Asian'), ('l','Asian'), ('r','Asian'),
  ('mixed','Mixed'), ('mixedormultipleethnicgroups','Mixed'), ('mixedmultipleethnicgroups','Mixed'),
  ('mixedormultipleethnicgroup','Mixed'),
  ('mwbc','Mixed'), ('mwba','Mixed'), ('mwas','Mixed'), ('moth','Mixed'),
  ('d','Mixed'), ('e','Mixed'), ('f','Mixed'), ('g','Mixed'),
  ('other','Other'), ('otherethnicgroup','Other'), ('otherethnicgroups','Other'), ('arab','Other'),
  ('ooth','Other'), ('s','Other')
) t(norm, grp)
;;
CREATE OR REPLACE TABLE eth_values AS
SELECT e.ethnicity, coalesce(m.grp, 'Unknown') AS grp
FROM (SELECT DISTINCT ethnicity FROM raw) e
LEFT JOIN ethnicity_map m
  ON m.norm = lower(regexp_replace(
       split_part(split_part(coalesce(e.ethnicity, ''), ':', 1), ' - ', 1), '[^A-Za-z0-9]', '', 'g'))
;;
CREATE OR REPLACE TABLE outcome_values AS
SELECT o.outcome, m.tier, m.sev
FROM (SELECT DISTINCT outcome FROM raw) o
LEFT JOIN outcome_map m ON m.norm = lower(regexp_replace(coalesce(o.outcome, ''), '[^A-Za-z0-9]', '', 'g'))
;;
-- Kept rows: exact duplicates (every column equal) kept once, at their first position;
-- rejected: a missing required value, an invalid date, outcome before offence, gravity
-- outside 1-8. Dates: DD/MM/YYYY (day first) or YYYY-MM-DD.
CREATE OR REPLACE TABLE kept AS
WITH d AS (
  SELECT min(rn) AS rn, child_id, offence_date, outcome_date, outcome, date_of_birth, ethnicity,
         offence_category, gravity, release_date
  FROM raw
  GROUP BY child_id, offence_date, outcome_date, outcome, date_of_birth, sex, ethnicity,
           offence_category, gravity, release_date, end_date, looked_after, service
), p AS (
  SELECT rn, trim(child_id) AS child, outcome, ethnicity, offence_category, gravity,
    coalesce(try_strptime(trim(offence_date), '%d/%m/%Y'), try_strptime(trim(offence_date), '%Y-%m-%d'))::DATE AS off,
    coalesce(try_strptime(trim(outcome_date), '%d/%m/%Y'), try_strptime(trim(outcome_date), '%Y-%m-%d'))::DATE AS outd,
    coalesce(try_strptime(trim(date_of_birth), '%d/%m/%Y'), try_strptime(trim(date_of_birth), '%Y-%m-%d'))::DATE AS dob,
    coalesce(try_strptime(trim(release_date), '%d/%m/%Y'), try_strptime(trim(release_date), '%Y-%m-%d'))::DATE AS rel
  FROM d
)
SELECT p.rn, p.child, p.off, p.outd, p.dob, p.rel, o.tier, o.sev, e.grp,
  starts_with(lower(regexp_replace(coalesce(p.offence_category, ''), '[^A-Za-z0-9]', '', 'g')), 'breach') AS breach
FROM p
JOIN outcome_values o ON o.outcome IS NOT DISTINCT FROM p.outcome
JOIN eth_values e ON e.ethnicity IS NOT DISTINCT FROM p.ethnicity
WHERE p.child IS NOT NULL AND p.child <> '' AND p.off IS NOT NULL AND p.outd IS NOT NULL
  AND trim(coalesce(p.outcome, '')) <> '' AND p.outd >= p.off
  AND (p.gravity IS NULL OR try_cast(trim(p.gravity) AS INTEGER) BETWEEN 1 AND 8)
;;
-- Rows that enter measures: occasion-forming or remand outcomes, nothing after the extract
-- date (the latest outcome date of the kept rows).
CREATE OR REPLACE TABLE ent AS
SELECT k.*, (date_diff('day', DATE '1900-01-01', k.outd)::BIGINT * 100000000 + k.rn) AS ord
FROM kept k, (SELECT max(outd) AS xd FROM kept) x
WHERE k.tier IN ('diversion', 'pre_court', 'first_tier', 'community', 'custody', 'remand')
  AND k.off <= x.xd AND k.outd <= x.xd
;;
-- Child attributes: the latest row (outcome date, then file order) with a known value.
CREATE OR REPLACE TABLE children AS
SELECT child,
  coalesce(arg_max(grp, ord) FILTER (WHERE grp <> 'Unknown'), 'Unknown') AS grp,
  arg_max(dob, ord) FILTER (WHERE dob IS NOT NULL) AS dob
FROM ent GROUP BY child
;;
-- Occasions: non-remand rows of a child with one outcome date; the most severe outcome; the
-- latest release date among custodial rows.
CREATE OR REPLACE TABLE occasions AS
SELECT o.child, o.outd, o.sev,
  CASE WHEN o.sev <= 2 THEN 'diversion' WHEN o.sev <= 4 THEN 'pre_court'
       WHEN o.sev <= 12 THEN 'first_tier' WHEN o.sev <= 15 THEN 'community' ELSE 'custody' END AS tier,
  o.rel, c.grp, c.dob
FROM (SELECT child, outd, max(sev) AS sev, max(rel) FILTER (WHERE tier = 'custody') AS rel
      FROM ent WHERE tier <> 'remand' GROUP BY child, outd) o
JOIN children c USING (child)
;;
CREATE OR REPLACE MACRO youth(dob, d) AS dob IS NULL OR
  (year(d) - year(dob) - CASE WHEN month(d) * 100 + day(d) < month(dob) * 100 + day(dob) THEN 1 ELSE 0 END) BETWEEN 10 AND 17
;;
CREATE OR REPLACE MACRO fy_start(d) AS make_date(year(d) - CASE WHEN month(d) < 4 THEN 1 ELSE 0 END, 4, 1)
;;
-- Reoffending: index events, one cohort entry per child per quarter (earliest index date;
-- the severity/file-order tie-break picks among events on that same date, so it does not
-- change the headline counts), reoffences in the 12+6-month windows.
CREATE OR REPLACE TABLE cohort AS
WITH ev AS (
  SELECT child, dob, CASE WHEN tier = 'custody' THEN rel ELSE outd END AS idx
  FROM occasions, (SELECT max(outd) AS xd FROM kept) x
  WHERE tier IN ('pre_court', 'first_tier', 'community')
     OR (tier = 'custody' AND rel IS NOT NULL AND rel <= x.xd)
)
SELECT child, date_trunc('quarter', idx)::DATE AS q, min(idx) AS idx
FROM ev WHERE youth(dob, idx) GROUP BY child, q
;;
CREATE OR REPLACE TABLE cohort_reoffences AS
SELECT c.child, c.q, count(r.child) AS n
FROM cohort c
LEFT JOIN (SELECT child, off, outd FROM ent
           WHERE tier IN ('pre_court', 'first_tier', 'community', 'custody') AND NOT breach) r
  ON r.child = c.child AND r.off > c.idx
 AND r.off <= c.idx + INTERVAL 12 MONTH AND r.outd <= c.idx + INTERVAL 18 MONTH
GROUP BY c.child, c.q
;;
CREATE OR REPLACE TABLE headline AS
SELECT 'reoffending_cohort' AS measure, 'quarter' AS period_type, q AS period_start, 'all' AS breakdown, 'all' AS grp, '' AS stage, count(*)::BIGINT AS value
FROM cohort_reoffences GROUP BY q
UNION ALL
SELECT 'reoffending_reoffenders', 'quarter', q, 'all', 'all', '', count(*) FILTER (WHERE n > 0)
FROM cohort_reoffences GROUP BY q
UNION ALL
SELECT 'reoffending_reoffences', 'quarter', q, 'all', 'all', '', sum(n)::BIGINT
FROM cohort_reoffences GROUP BY q
UNION ALL
SELECT 'custody_sentences', 'quarter', date_trunc('quarter', outd)::DATE, 'all', 'all', '', count(*)
FROM occasions WHERE tier = 'custody' AND youth(dob, outd) GROUP BY 3
UNION ALL
SELECT 'disp_count', 'financial_year', fy, 'ethnicity', grp, stage, count(DISTINCT child)
FROM (SELECT child, grp, fy_start(outd) AS fy, 'court' AS stage FROM occasions
      WHERE tier IN ('first_tier', 'community', 'custody') AND youth(dob, outd)
      UNION ALL
      SELECT child, grp, fy_start(outd), 'custody' FROM occasions
      WHERE tier = 'custody' AND youth(dob, outd))
GROUP BY fy, grp, stage
