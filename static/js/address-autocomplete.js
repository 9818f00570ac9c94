// The place of a requête: as the citizen types, the city's civic addresses that match are offered in
// a list (the ARIA 1.2 combobox pattern: arrows to move, Enter to choose, Escape to close; a live
// region says how many). Choosing one fills the hidden « address » field with its identifier;
// typing anything else clears it. Without JavaScript, or if nothing matches, the typed text is kept
// as it is: typing an address always works.
(function () {
  "use strict";
  var input = document.getElementById("id_location_address");
  var hidden = document.getElementById("id_address");
  if (!input || !hidden || !input.dataset.addressUrl || !window.fetch || !window.prevostKnowledge) {
    return;
  }
  var listId = "address-options";
  var list = document.createElement("ul");
  list.id = listId;
  list.className = "address-options";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.dataset.addressListLabel || "");
  list.hidden = true;
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.insertAdjacentElement("afterend", list);
  list.insertAdjacentElement("afterend", status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("autocomplete", "off");

  var results = [];
  var active = -1;
  var pending = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    var chosen = results[index];
    if (!chosen) { return; }
    input.value = chosen.label;
    hidden.value = chosen.id;
    close();
    status.textContent = (input.dataset.addressChosen || "") + " " + chosen.label;
    // js/request-map.js, when the map is on, shows where the chosen address is.
    document.dispatchEvent(new CustomEvent("prevost:address-chosen", { detail: chosen }));
  }

  function show(found) {
    results = found;
    list.textContent = "";
    found.forEach(function (entry, i) {
      var option = document.createElement("li");
      option.id = listId + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = entry.label + (entry.postal_code ? " (" + entry.postal_code + ")" : "");
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
      option.addEventListener("click", function () { choose(i); });
      list.appendChild(option);
    });
    if (found.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = (input.dataset.addressCount || "").replace("{n}", found.length);
    } else {
      close();
      status.textContent = "";
    }
    active = -1;
  }

  var search = window.prevostKnowledge.debounce(function () {
    var text = input.value.trim();
    if (pending) { pending.abort(); }
    if (text.length < 2) { show([]); return; }
    pending = window.AbortController ? new AbortController() : null;
    fetch(input.dataset.addressUrl + "?q=" + encodeURIComponent(text), {
      headers: { "Accept": "application/json" },
      signal: pending ? pending.signal : undefined
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (input.value.trim() === text) { show(data.results || []); } })
      .catch(function () { /* the typed text stays: nothing to do */ });
  }, 200);

  input.addEventListener("input", function () {
    hidden.value = "";  // the place typed is no longer the address chosen
    search();
  });
  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && results.length;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      highlight((active + 1) % results.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active <= 0 ? results.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();  // choose the address, do not send the form
      choose(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", close);
})();
