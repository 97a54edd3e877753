// A public dashboard built from script, as README "What your web team needs" advises: the
// element first, then the widget's module, so the page runs the publish module alone.
const el = document.createElement('yj-lens');
el.setAttribute('mode', 'public');
el.setAttribute('src', '../sample-aggregate.csv');
document.querySelector('main').append(el);
await import('../yjlens/yj-lens.js');
