// The optional map beside the place field (only when MAP_TILE_URL is set): a button opens it, a tap
// or a click places a pin that can be dragged, « Placer le repère au centre » does the same from the
// keyboard (Leaflet's arrows and +/- move the map), « Retirer le repère » takes it away. The pin
// fills the hidden latitude and longitude; the written address stays the part that counts.
(function () {
  "use strict";
  var config = document.getElementById("place-map-settings");
  var field = document.querySelector(".address-field");
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  if (!config || !field || !latitude || !longitude || !window.L) { return; }
  var settings = JSON.parse(config.textContent);
  var text = settings.text;
  window.L.Icon.Default.imagePath = settings.images;

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content) { node.textContent = content; }
    return node;
  }

  var toggle = element("button", "btn btn-secondary place-map-toggle", text.open);
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "place-map-panel");
  var panel = element("div", "place-map-panel");
  panel.id = "place-map-panel";
  panel.hidden = true;
  var help = element("p", "form-text", text.help);
  var mapBox = element("div", "place-map");
  mapBox.id = "place-map";
  mapBox.setAttribute("aria-label", text.label);
  var actions = element("div", "place-map-actions");
  var centerButton = element("button", "btn btn-secondary", text.center);
  centerButton.type = "button";
  var removeButton = element("button", "link", text.remove);
  removeButton.type = "button";
  removeButton.hidden = !latitude.value;
  var status = element("div", "visually-hidden");
  status.setAttribute("role", "status");
  actions.appendChild(centerButton);
  actions.appendChild(removeButton);
  panel.appendChild(help);
  panel.appendChild(mapBox);
  panel.appendChild(actions);
  field.insertAdjacentElement("afterend", toggle);
  toggle.insertAdjacentElement("afterend", panel);
  panel.insertAdjacentElement("afterend", status);

  var map = null;
  var marker = null;
  var chosenAddress = null;

  function showMarker(position) {
    if (marker) { marker.setLatLng(position); return; }
    marker = window.L.marker(position, { draggable: true, keyboard: true, title: text.placed, alt: text.placed });
    marker.addTo(map);
    marker.on("dragend", function () { place(marker.getLatLng()); });
  }

  function place(position) {
    latitude.value = position.lat.toFixed(6);
    longitude.value = position.lng.toFixed(6);
    showMarker(position);
    removeButton.hidden = false;
    status.textContent = text.placed;
    document.dispatchEvent(new CustomEvent("prevost:pin-placed", { detail: { lat: position.lat, lon: position.lng } }));
  }

  function open() {
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    toggle.textContent = text.close;
    if (map) { map.invalidateSize(); return; }
    map = window.L.map(mapBox, { keyboard: true }).setView(settings.center, settings.zoom);
    window.L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
    map.on("click", function (event) { place(event.latlng); });
    if (latitude.value && longitude.value) {
      var kept = window.L.latLng(parseFloat(latitude.value), parseFloat(longitude.value));
      showMarker(kept);
      map.setView(kept, 17);
    } else if (chosenAddress) {
      showAddress(chosenAddress);
    }
  }

  function close() {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = text.open;
  }

  function showAddress(address) {
    // The chosen address already gives the request its position: shown to be checked, not copied.
    if (map && address.lat !== null && !latitude.value) {
      map.setView([address.lat, address.lon], 17);
      showMarker(window.L.latLng(address.lat, address.lon));
    }
  }

  toggle.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
  centerButton.addEventListener("click", function () { place(map.getCenter()); });
  removeButton.addEventListener("click", function () {
    latitude.value = "";
    longitude.value = "";
    if (marker) { map.removeLayer(marker); marker = null; }
    removeButton.hidden = true;
    status.textContent = text.removed;
    toggle.focus();
  });
  document.addEventListener("prevost:address-chosen", function (event) {
    chosenAddress = event.detail;
    showAddress(chosenAddress);
  });
})();
