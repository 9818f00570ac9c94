// Shows only the types of the chosen service; without JavaScript every type stays selectable
// and the server checks that the type belongs to the service.
(function () {
  "use strict";
  var service = document.getElementById("id_service");
  var type = document.getElementById("id_request_type");
  var data = document.getElementById("types-by-service");
  if (!service || !type || !data) { return; }
  var byService = JSON.parse(data.textContent);
  var allOptions = Array.prototype.slice.call(type.options).map(function (o) { return o.cloneNode(true); });

  function refresh() {
    var allowed = byService[service.value] || null;
    var current = type.value;
    type.innerHTML = "";
    allOptions.forEach(function (option) {
      if (option.value === "" || allowed === null || allowed.indexOf(parseInt(option.value, 10)) !== -1) {
        type.appendChild(option.cloneNode(true));
      }
    });
    type.value = current;
    if (type.value !== current) { type.value = ""; }
  }
  service.addEventListener("change", refresh);
  // A citizen who picks the nature first gets its service filled in (the server does the same).
  type.addEventListener("change", function () {
    if (service.value || !type.value) { return; }
    var id = parseInt(type.value, 10);
    Object.keys(byService).some(function (serviceId) {
      if (byService[serviceId].indexOf(id) === -1) { return false; }
      var chosen = type.value;
      service.value = serviceId;
      refresh();
      type.value = chosen;
      return true;
    });
  });
  refresh();

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
