// On the request's admin page, when a tile server is set: where the request is, to check the pin.
(function () {
  "use strict";
  var box = document.getElementById("request-map");
  var config = document.getElementById("place-map-settings");
  if (!box || !config || !window.L) { return; }
  var settings = JSON.parse(config.textContent);
  window.L.Icon.Default.imagePath = settings.images;
  var position = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lon)];
  var map = window.L.map(box, { keyboard: true }).setView(position, 17);
  window.L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
  window.L.marker(position, { alt: box.getAttribute("aria-label") }).addTo(map);
})();
