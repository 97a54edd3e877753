// yjlens headline figures with Arquero (bench/README.md; measures.md is the definition).
// A classic script: expects the Arquero UMD global `aq`; defines `arqueroHeadline(text)`,
// which returns rows { measure, period_type, period_start, breakdown, grp, stage, value }.
// Arquero compiles table expressions with `Function`, so its page needs 'unsafe-eval'.
/* global aq */
(function () {
  const norm = (s) => (s == null ? '' : String(s).toLowerCase().replace(/[^a-z0-9]/g, ''));
  // Outcome codes (input-formats.md §2): normalised label → [tier, severity rank]; ranks follow
  // the Rust enum's declaration order (larger = more severe), tiers ordered as the ranks.
  const OUTCOMES = {};
  const add = (tier, sev, ...labels) => labels.forEach((l) => (OUTCOMES[l] = [tier, sev]));
  add('diversion', 0, 'triage');
  add('diversion', 1, 'communityresolution', 'cr');
  add('diversion', 2, 'outcome22', 'o22', 'oc22', 'deferredprosecution');
  add('pre_court', 3, 'youthcaution', 'yc');
  add('pre_court', 4, 'youthconditionalcaution', 'ycc');
  add('first_tier', 5, 'otherfirsttier');
  add('first_tier', 6, 'absolutedischarge', 'ad');
  add('first_tier', 7, 'bindover');
  add('first_tier', 8, 'conditionaldischarge', 'cd');
  add('first_tier', 9, 'compensationorder');
  add('first_tier', 10, 'fine');
  add('first_tier', 11, 'reparationorder');
  add('first_tier', 12, 'referralorder', 'ro');
  add('community', 13, 'youthrehabilitationorder', 'yro');
  add('community', 14, 'yrowithintensivefostering', 'yrointensivefostering');
  add('community', 15, 'yrowithiss', 'yroiss', 'iss', 'issp');
  add('custody', 16, 'detentionandtrainingorder', 'dto');
  add('custody', 17, 'section250', 'section250detention', 's250', 's91', 'section91');
  add('custody', 18, 'otherlongtermdetention', 's254', 's258', 's259', 's226', 's226b', 's90',
    'section9092', 'extendedsentence', 'detentionforlife');
  add('remand', 19, 'remandtoyouthdetentionaccommodation', 'ryda', 'remandincustody');
  add('remand', 20, 'remandtolocalauthorityaccommodation', 'rlaa');
  add('not_an_outcome', 21, 'nofurtheraction', 'nfa', 'turnaround', 'parentingorder');
  const TIER_OF_SEV = (s) => (s <= 2 ? 'diversion' : s <= 4 ? 'pre_court' : s <= 12 ? 'first_tier' : s <= 15 ? 'community' : 'custody');

  // Ethnicity: the group part of "Group: detail" / "Group - detail", group names, DfE codes,
  // ONS 2001 letters, detailed names → group; anything else Unknown.
  const ETHNICITY = {};
  const eth = (g, ...keys) => keys.forEach((k) => (ETHNICITY[k] = g));
  eth('White', 'white', 'whitebritish', 'whiteirish', 'whiteenglishwelshscottishnorthernirishorbritish',
    'gypsyoririshtraveller', 'roma', 'anyotherwhitebackground', 'wbri', 'wiri', 'wirt', 'wrom', 'woth', 'a', 'b', 'c');
  eth('Black', 'black', 'blackorblackbritish', 'blackblackbritishcaribbeanorafrican', 'blackbritish', 'caribbean',
    'african', 'bcrb', 'bafr', 'both', 'm', 'n', 'p');
  eth('Asian', 'asian', 'asianorasianbritish', 'asianbritish', 'indian', 'pakistani', 'bangladeshi', 'chinese',
    'aind', 'apkn', 'aban', 'chne', 'aoth', 'h', 'j', 'k', 'l', 'r');
  eth('Mixed', 'mixed', 'mixedormultipleethnicgroups', 'mixedmultipleethnicgroups', 'mixedormultipleethnicgroup',
    'mwbc', 'mwba', 'mwas', 'moth', 'd', 'e', 'f', 'g');
  eth('Other', 'other', 'otherethnicgroup', 'otherethnicgroups', 'arab', 'ooth', 's');
  const ethCache = new Map();
  const ethnicGroup = (v) => {
    let g = ethCache.get(v);
    if (g === undefined) {
      const head = String(v ?? '').split(':')[0].split(' - ')[0];
      g = ETHNICITY[norm(head)] ?? 'Unknown';
      ethCache.set(v, g);
    }
    return g;
  };
  const outCache = new Map();
  const outcomeOf = (v) => {
    let o = outCache.get(v);
    if (o === undefined) {
      o = OUTCOMES[norm(v)] ?? ['unknown', -1];
      outCache.set(v, o);
    }
    return o;
  };

  // Dates as day numbers (days since 1970-01-01, UTC); null when blank or invalid.
  const DAYS_IN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = (y, m) => (m === 2 && leap(y) ? 29 : DAYS_IN[m - 1]);
  const dayNumber = (y, m, d) => Date.UTC(y, m - 1, d) / 86400000;
  const dateOf = (v) => {
    if (v == null) return null;
    const s = String(v).trim();
    let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    let y, mo, d;
    if (m) [y, mo, d] = [+m[3], +m[2], +m[1]];
    else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, mo, d] = [+m[1], +m[2], +m[3]];
    else return null;
    if (mo < 1 || mo > 12 || d < 1 || d > dim(y, mo)) return null;
    return dayNumber(y, mo, d);
  };
  const ymd = (n) => {
    const t = new Date(n * 86400000);
    return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  };
  // D + n months: same day, or the last day of the month when it has no such day.
  const addMonths = (n, k) => {
    const [y, m, d] = ymd(n);
    const mm = m - 1 + k;
    const y2 = y + Math.floor(mm / 12), m2 = (mm % 12) + 1;
    return dayNumber(y2, m2, Math.min(d, dim(y2, m2)));
  };
  const ageAt = (dob, n) => {
    const [y, m, d] = ymd(n), [by, bm, bd] = ymd(dob);
    return y - by - (m * 100 + d < bm * 100 + bd ? 1 : 0);
  };
  const youth = (dob, n) => dob == null || ((a) => a >= 10 && a <= 17)(ageAt(dob, n));
  const iso = (n) => new Date(n * 86400000).toISOString().slice(0, 10);
  const quarterStart = (n) => { const [y, m] = ymd(n); return iso(dayNumber(y, m - ((m - 1) % 3), 1)); };
  const fyStart = (n) => { const [y, m] = ymd(n); return iso(dayNumber(m < 4 ? y - 1 : y, 4, 1)); };

  const { op, escape } = aq;

  self.arqueroHeadline = function arqueroHeadline(text) {
    const raw = aq.fromCSV(text, { autoType: false });
    // Exact duplicates (every column) kept once, at their first position.
    const dedup = raw.derive({ rn: () => op.row_number() }).dedupe(raw.columnNames());
    const parsed = dedup.derive({
      child: escape((d) => (d.child_id == null ? '' : String(d.child_id).trim())),
      off: escape((d) => dateOf(d.offence_date)),
      outd: escape((d) => dateOf(d.outcome_date)),
      dob: escape((d) => dateOf(d.date_of_birth)),
      rel: escape((d) => dateOf(d.release_date)),
      tier: escape((d) => outcomeOf(d.outcome)[0]),
      sev: escape((d) => outcomeOf(d.outcome)[1]),
      grp: escape((d) => ethnicGroup(d.ethnicity)),
      breach: escape((d) => norm(d.offence_category).startsWith('breach')),
      gravityOk: escape((d) => d.gravity == null || String(d.gravity).trim() === '' ||
        ((g) => Number.isInteger(g) && g >= 1 && g <= 8)(Number(String(d.gravity).trim()))),
      outcomeOk: escape((d) => d.outcome != null && String(d.outcome).trim() !== ''),
    });
    const kept = parsed
      .filter((d) => d.child !== '' && d.off != null && d.outd != null && d.outcomeOk && d.outd >= d.off && d.gravityOk)
      .select('rn', 'child', 'off', 'outd', 'dob', 'rel', 'tier', 'sev', 'grp', 'breach');
    const xd = kept.rollup({ xd: op.max('outd') }).get('xd', 0);
    const ENTERS = ['diversion', 'pre_court', 'first_tier', 'community', 'custody', 'remand'];
    const ent = kept
      .params({ xd, ENTERS })
      .filter((d, $) => op.includes($.ENTERS, d.tier) && d.off <= $.xd && d.outd <= $.xd)
      .orderby('child', 'outd', 'rn');
    // Child attributes: the latest row (outcome date, file order) with a known value.
    const lastKnown = (col, known) =>
      ent.filter(known).groupby('child').filter(() => op.row_number() === op.count()).select('child', col);
    const children = ent
      .groupby('child').rollup({})
      .lookup(lastKnown('grp', (d) => d.grp !== 'Unknown'), 'child', 'grp')
      .lookup(lastKnown('dob', (d) => d.dob != null), 'child', 'dob')
      .derive({ grp: (d) => d.grp || 'Unknown' });
    // Occasions: non-remand rows of one child on one outcome date.
    const occasions = ent
      .filter((d) => d.tier !== 'remand')
      .derive({ relc: (d) => (d.tier === 'custody' ? d.rel : undefined) })
      .groupby('child', 'outd')
      .rollup({ sev: op.max('sev'), rel: op.max('relc') })
      .derive({ tier: escape((d) => TIER_OF_SEV(d.sev)) })
      .lookup(children, 'child', 'grp', 'dob');
    // Reoffending cohorts: index events, first per child per quarter, reoffences.
    const cohort = occasions
      .params({ xd })
      .filter((d, $) => d.tier === 'pre_court' || d.tier === 'first_tier' || d.tier === 'community' ||
        (d.tier === 'custody' && d.rel != null && d.rel <= $.xd))
      .derive({ idx: (d) => (d.tier === 'custody' ? d.rel : d.outd) })
      .filter(escape((d) => youth(d.dob, d.idx)))
      .derive({ q: escape((d) => quarterStart(d.idx)) })
      .groupby('child', 'q')
      .rollup({ idx: op.min('idx') })
      .derive({ lim12: escape((d) => addMonths(d.idx, 12)), lim18: escape((d) => addMonths(d.idx, 18)) });
    const candidates = ent
      .filter((d) => (d.tier === 'pre_court' || d.tier === 'first_tier' || d.tier === 'community' || d.tier === 'custody') && !d.breach)
      .select({ child: 'child', off: 'roff', outd: 'routd' });
    const reoffences = cohort
      .join(candidates, 'child', [aq.all(), aq.not('child')])
      .filter((d) => d.roff > d.idx && d.roff <= d.lim12 && d.routd <= d.lim18)
      .groupby('child', 'q')
      .count({ as: 'n' });
    const perEntry = cohort.lookup(reoffences, [['child', 'q'], ['child', 'q']], 'n').derive({ n: (d) => d.n || 0 }).derive({ r: (d) => (d.n > 0 ? 1 : 0) });
    const cohortFigures = perEntry
      .groupby('q')
      .rollup({ cohort: op.count(), reoffenders: op.sum('r'), reoffences: op.sum('n') })
      .objects();
    const out = [];
    const push = (measure, period_type, period_start, breakdown, grp, stage, value) =>
      out.push({ measure, period_type, period_start, breakdown, grp, stage, value });
    for (const r of cohortFigures) {
      push('reoffending_cohort', 'quarter', r.q, 'all', 'all', '', r.cohort);
      push('reoffending_reoffenders', 'quarter', r.q, 'all', 'all', '', r.reoffenders);
      push('reoffending_reoffences', 'quarter', r.q, 'all', 'all', '', r.reoffences);
    }
    const youthOcc = occasions.filter(escape((d) => youth(d.dob, d.outd)));
    youthOcc
      .filter((d) => d.tier === 'custody')
      .derive({ q: escape((d) => quarterStart(d.outd)) })
      .groupby('q').count({ as: 'n' })
      .objects()
      .forEach((r) => push('custody_sentences', 'quarter', r.q, 'all', 'all', '', r.n));
    const stage = (name, pred) =>
      youthOcc
        .filter(pred)
        .derive({ fy: escape((d) => fyStart(d.outd)) })
        .groupby('fy', 'grp')
        .rollup({ n: op.distinct('child') })
        .objects()
        .forEach((r) => push('disp_count', 'financial_year', r.fy, 'ethnicity', r.grp, name, r.n));
    stage('court', (d) => d.tier === 'first_tier' || d.tier === 'community' || d.tier === 'custody');
    stage('custody', (d) => d.tier === 'custody');
    return out;
  };
})();
