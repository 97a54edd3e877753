// Loads the sample into both widgets of two.html, independently.
await customElements.whenDefined('yj-lens');
const [extract, population] = await Promise.all([
  fetch('../sample-extract.csv').then((r) => r.blob()),
  fetch('../sample-population.csv').then((r) => r.blob()),
]);
await Promise.all(
  ['a', 'b'].map(async (id) => {
    const el = document.getElementById(id);
    await el.loadPopulation(population);
    await el.loadExtract(extract, { label: `sample (${id})` });
  }),
);
document.documentElement.dataset.loaded = 'true';
