// « Déjà signalé près d'ici »: as the citizen chooses the nature and the place, the open requests of
// that nature within the duplicate radius (nature, street, status, date; nothing personal), each with a
// link to follow it instead of filing it again. Silent and hidden until a position is known.
(function () {
  "use strict";
  var box = document.getElementById("similar-requests");
  var nature = document.getElementById("id_request_type");
  if (!box || !nature) { return; }
  var position = null;
  var shown = "";

  function render(requests) {
    var key = requests.map(function (r) { return r.number; }).join("|");
    if (key === shown) { return; }  // the live region speaks only when something changes
    shown = key;
    box.textContent = "";
    if (!requests.length) { box.hidden = true; return; }
    var title = document.createElement("h2");
    title.className = "similar-title";
    title.textContent = box.getAttribute("data-title");
    box.appendChild(title);
    var list = document.createElement("ul");
    requests.forEach(function (r) {
      var item = document.createElement("li");
      var what = document.createElement("strong");
      what.textContent = r.nature;
      item.appendChild(what);
      item.appendChild(document.createTextNode(" — " + r.street + " · " + box.getAttribute("data-step") + " " +
        r.status + " · " + box.getAttribute("data-received") + " " + r.received + " "));
      var link = document.createElement("a");
      link.href = r.follow_url;
      link.className = "btn btn-secondary follow-link";
      link.textContent = box.getAttribute("data-follow");
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    box.hidden = false;
  }

  function refresh() {
    if (!position || !nature.value) { render([]); return; }
    var url = box.getAttribute("data-url") + "?type=" + encodeURIComponent(nature.value) +
      "&lat=" + position.lat + "&lon=" + position.lon;
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { requests: [] }; })
      .then(function (data) { render(data.requests || []); })
      .catch(function () { render([]); });
  }

  document.addEventListener("prevost:address-chosen", function (event) {
    var chosen = event.detail || {};
    position = (chosen.lat !== null && chosen.lat !== undefined) ? { lat: chosen.lat, lon: chosen.lon } : null;
    refresh();
  });
  document.addEventListener("prevost:pin-placed", function (event) {
    position = event.detail;
    refresh();
  });
  nature.addEventListener("change", refresh);
})();
