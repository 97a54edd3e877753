// The demo page: loads the synthetic sample (the page's own files) into the widget so the
// product can be seen with no file at hand. A file the user drops replaces it, and the
// "synthetic sample" notice goes.
const lens = document.getElementById('lens');
const notice = document.getElementById('sample-notice');

async function loadSample() {
  await customElements.whenDefined('yj-lens');
  const [extract, population, interventions, board] = await Promise.all([
    fetch('sample-extract.csv').then((r) => r.blob()),
    fetch('sample-population.csv').then((r) => r.blob()),
    fetch('sample-interventions.csv').then((r) => r.blob()),
    fetch('sample-board.csv').then((r) => r.blob()),
  ]);
  // The sample's made-up population belongs to the sample: it goes when the analyst's own
  // extract is loaded, so no real figure is ever divided by a made-up denominator.
  await lens.loadExtract(extract, {
    label: 'synthetic sample extract (2,000 made-up children)',
    population,
    populationLabel: 'synthetic sample population (made up)',
    // Issue 14: the sample's interventions and board attendance (made up too), for the KPIs.
    interventions,
    board,
  });
  lens.addEventListener('yj-progress', () => { notice.hidden = true; }, { once: true });
  document.documentElement.dataset.sampleLoaded = 'true';
}

loadSample().catch((e) => console.error('The sample could not be loaded:', e?.message ?? e));
